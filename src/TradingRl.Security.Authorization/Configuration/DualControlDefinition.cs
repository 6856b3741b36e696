namespace TradingRl.Security.Authorization;

/// <summary>An action that needs maker-checker approval: one user requests it, a different user holding the approver permission approves it.</summary>
public sealed class DualControlDefinition
{
    /// <summary>Gets or sets the permission of the action that needs approval, e.g. <c>risk.limits.modify</c>.</summary>
    /// <value>Required; unique across the dual-control list.</value>
    public string Permission { get; set; } = string.Empty;

    /// <summary>Gets or sets the permission the approving user must hold.</summary>
    /// <value>Defaults to <see cref="Permission"/> when empty.</value>
    public string? ApproverPermission { get; set; }
}
