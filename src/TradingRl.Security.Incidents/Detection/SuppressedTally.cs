namespace TradingRl.Security.Incidents;

/// <summary>How many matching events one rule suppressed for one key since the last drain.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="DedupKey">The incident deduplication key.</param>
/// <param name="Count">The number of suppressed events.</param>
internal readonly record struct SuppressedTally(string RuleId, string DedupKey, long Count);
