namespace TradingRl.Security.Authorization;

/// <summary>A set of roles no user may hold two of at once (static separation of duties).</summary>
public sealed class ExclusiveRoleSet
{
    /// <summary>Gets or sets the name of the constraint, used in messages and events.</summary>
    /// <value>Required; unique across the policy.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the mutually exclusive role names.</summary>
    /// <value>At least two distinct defined roles.</value>
    public IList<string> Roles { get; set; } = [];
}
