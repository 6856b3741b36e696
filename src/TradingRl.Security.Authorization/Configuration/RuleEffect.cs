namespace TradingRl.Security.Authorization;

/// <summary>What a satisfied rule does to a decision.</summary>
public enum RuleEffect
{
    /// <summary>The rule allows the action, unless a forbid rule is satisfied.</summary>
    Permit = 0,

    /// <summary>The rule denies the action; any satisfied forbid rule overrides every permit.</summary>
    Forbid = 1,
}
