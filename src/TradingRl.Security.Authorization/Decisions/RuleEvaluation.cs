namespace TradingRl.Security.Authorization;

/// <summary>How one rule evaluated in a what-if explanation.</summary>
/// <param name="RuleId">The rule id.</param>
/// <param name="Effect">Permit or forbid.</param>
/// <param name="Outcome">Satisfied, not satisfied or not evaluable.</param>
/// <param name="Condition">The first condition that did not hold or could not be evaluated; <see langword="null"/> when satisfied.</param>
public sealed record RuleEvaluation(string RuleId, RuleEffect Effect, RuleOutcome Outcome, string? Condition);
