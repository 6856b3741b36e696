namespace TradingRl.Security.Authorization;

/// <summary>One role of the policy: its name, the permissions it grants and the roles it inherits from.</summary>
public sealed class RoleDefinition
{
    /// <summary>Gets or sets the role name, e.g. <c>trader</c>.</summary>
    /// <value>1 to 128 characters of letters, digits, <c>_</c>, <c>-</c>, <c>.</c> and <c>:</c>; unique (ordinal) across the policy.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets a human-readable description.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the permission names the role grants directly (see <see cref="PermissionCatalog"/>).</summary>
    /// <value>Each must be a built-in permission or one listed in <see cref="AuthorizationOptions.Permissions"/>; no duplicates.</value>
    public IList<string> Permissions { get; set; } = [];

    /// <summary>Gets or sets the roles whose permissions this role also grants.</summary>
    /// <value>Each must be a defined role; inheritance cycles are refused at start.</value>
    public IList<string> Inherits { get; set; } = [];
}
