namespace TradingRl.Security.Encryption;

/// <summary>Who reads classified data and why, for the <c>data.access</c> event a decrypting read publishes.</summary>
/// <param name="Actor">The user, agent or service reading; 1 to 2,048 characters.</param>
/// <param name="Purpose">Why, e.g. <c>risk-report</c> or <c>subject-export</c>; 1 to 256 characters.</param>
/// <param name="Resource">What is read, e.g. <c>account/acc-1</c>; the type name (<c>type/&lt;name&gt;</c>) when omitted.</param>
public sealed record DataAccessContext(string Actor, string Purpose, string? Resource = null);
