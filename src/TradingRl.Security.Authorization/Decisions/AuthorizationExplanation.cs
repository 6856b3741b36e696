namespace TradingRl.Security.Authorization;

/// <summary>A what-if answer: the decision a request would get at a time, and how every applicable rule evaluated.</summary>
/// <param name="Decision">The decision, the same the hot path makes for the same input.</param>
/// <param name="At">The instant evaluated.</param>
/// <param name="Rules">Every rule that applies to the permission, forbids first, each in ordinal id order; empty when a check before the rules decided.</param>
public sealed record AuthorizationExplanation(AuthorizationDecision Decision, DateTimeOffset At, IReadOnlyList<RuleEvaluation> Rules);
