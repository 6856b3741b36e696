using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Authorization;

/// <summary>Settings of the Authorization package: roles, host permissions, rules, separation of duties and step-up.</summary>
/// <remarks>Validated when the host starts: an unknown permission or role, an inheritance cycle, a duplicate name or a malformed rule is a start-up error naming the culprit.</remarks>
public sealed class AuthorizationOptions
{
    /// <summary>The default for <see cref="StepUpMaxAge"/>.</summary>
    public static readonly TimeSpan DefaultStepUpMaxAge = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets a value indicating whether the seed's four roles (admin, trader, analyst, viewer, see <see cref="TradingRoles"/>) are part of the policy.</summary>
    /// <value>Default <see langword="true"/>. A configured role with one of their names is then a duplicate; set this to <see langword="false"/> to redefine them.</value>
    public bool IncludeTradingRoles { get; set; } = true;

    /// <summary>Gets or sets host-defined permission names, added to the <see cref="PermissionCatalog"/> at start.</summary>
    /// <value>Empty by default; at most the catalog's free capacity (500); no duplicates.</value>
    public IList<string> Permissions { get; set; } = [];

    /// <summary>Gets or sets the roles defined in addition to (or, with <see cref="IncludeTradingRoles"/> off, instead of) the seed's roles.</summary>
    public IList<RoleDefinition> Roles { get; set; } = [];

    /// <summary>Gets or sets the attribute-based rules.</summary>
    /// <value>Empty by default: a permission no permit rule names is allowed by the role grant alone (still subject to forbid rules).</value>
    public IList<AuthorizationRuleDefinition> Rules { get; set; } = [];

    /// <summary>Gets or sets the sets of mutually exclusive roles (static separation of duties).</summary>
    public IList<ExclusiveRoleSet> ExclusiveRoles { get; set; } = [];

    /// <summary>Gets or sets the actions that need maker-checker approval (dynamic separation of duties).</summary>
    /// <value><see langword="null"/> (the default) means <c>risk.limits.modify</c>, approved by another holder of <c>risk.limits.modify</c>.</value>
    public IList<DualControlDefinition>? DualControl { get; set; }

    /// <summary>Gets or sets how long an approval request stays open.</summary>
    /// <value>Default 24 hours; 1 minute to 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ApprovalLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the permissions that need a second factor used within <see cref="StepUpMaxAge"/>.</summary>
    /// <value><see langword="null"/> (the default) means <c>security.settings.manage</c>, <c>users.manage</c> and <c>risk.limits.modify</c>.</value>
    public IList<string>? StepUpPermissions { get; set; }

    /// <summary>Gets or sets how recent the multi-factor authentication must be for a step-up permission.</summary>
    /// <value>Default 15 minutes; 1 minute to 1 hour (longer is refused as insecure).</value>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan StepUpMaxAge { get; set; } = DefaultStepUpMaxAge;

    /// <summary>Gets or sets a value indicating whether a request naming an account is denied unless the principal may act for it.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool EnforceAccountScope { get; set; } = true;

    /// <summary>Gets or sets the holidays of the default trading calendar (besides Saturdays and Sundays).</summary>
    public IList<DateOnly> TradingHolidays { get; set; } = [];

    /// <summary>Includes the seed's four roles and their permission matrix (the default).</summary>
    /// <returns>These options.</returns>
    public AuthorizationOptions UseTradingRoles()
    {
        IncludeTradingRoles = true;
        return this;
    }

    /// <summary>Adds a role.</summary>
    /// <param name="name">The role name.</param>
    /// <param name="permissions">The permissions it grants directly.</param>
    /// <param name="inherits">The roles it inherits from.</param>
    /// <returns>These options.</returns>
    public AuthorizationOptions AddRole(string name, IEnumerable<Permission> permissions, params string[] inherits)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        Roles.Add(new RoleDefinition { Name = name, Permissions = [.. permissions.Select(p => p.Name)], Inherits = [.. inherits] });
        return this;
    }

    /// <summary>Adds a rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>These options.</returns>
    public AuthorizationOptions AddRule(AuthorizationRuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rules.Add(rule);
        return this;
    }
}
