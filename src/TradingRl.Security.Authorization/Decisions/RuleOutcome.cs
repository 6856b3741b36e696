namespace TradingRl.Security.Authorization;

/// <summary>How one rule evaluated for one request.</summary>
public enum RuleOutcome
{
    /// <summary>Every condition held.</summary>
    Satisfied = 0,

    /// <summary>A condition did not hold.</summary>
    NotSatisfied = 1,

    /// <summary>A condition could not be evaluated: a permit then does not match, a forbid denies.</summary>
    NotEvaluable = 2,
}
