namespace TradingRl.Security.Compliance.Evidence;

/// <summary>A data subject's consent to one purpose: when it was given and, once withdrawn, when.</summary>
/// <param name="Subject">The data subject (user id).</param>
/// <param name="Purpose">The purpose consented to, e.g. <c>performance-analytics</c>.</param>
/// <param name="GrantedAt">When consent was given.</param>
/// <param name="WithdrawnAt">When it was withdrawn; <see langword="null"/> while in force.</param>
public sealed record ConsentRecord(string Subject, string Purpose, DateTimeOffset GrantedAt, DateTimeOffset? WithdrawnAt = null)
{
    /// <summary>Gets a value indicating whether the consent is in force.</summary>
    public bool IsActive => WithdrawnAt is null;
}
