namespace TradingRl.Security.Compliance;

/// <summary>The pair a detector keeps state for: an account (or an owner, or none for anonymous flow) and an instrument.</summary>
internal readonly record struct SurveillanceKey(string? Party, string Instrument);
