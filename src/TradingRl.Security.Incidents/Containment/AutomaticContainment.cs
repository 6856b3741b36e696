namespace TradingRl.Security.Incidents;

/// <summary>A containment action a rule's alerts trigger without a person.</summary>
public sealed class AutomaticContainment
{
    /// <summary>Gets or sets the id of the rule whose alerts trigger the action.</summary>
    public string RuleId { get; set; } = string.Empty;

    /// <summary>Gets or sets the action; its target is the alert's group key (for a global kill switch, none).</summary>
    public ContainmentAction Action { get; set; }

    /// <summary>Gets or sets how long an account lock lasts.</summary>
    /// <value>Default <see langword="null"/>: until an administrator unlocks it.</value>
    public TimeSpan? LockDuration { get; set; }
}
