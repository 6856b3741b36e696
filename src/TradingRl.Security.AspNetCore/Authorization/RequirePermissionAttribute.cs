using Microsoft.AspNetCore.Authorization;
using TradingRl.Security.AspNetCore.Authentication;

namespace TradingRl.Security.AspNetCore.Authorization;

/// <summary>Requires a TradingRl bearer token whose principal the suite's authorizer allows the permission, for a controller, an action or a minimal-API endpoint.</summary>
/// <remarks>
/// Anonymous: 401. Authenticated but denied (no role grant, other desk, account not permitted, a forbid rule): 403 with
/// the decision's reason code, and the authorizer publishes <c>authz.access.denied</c>. ABAC resources come from the
/// validated order body (account, symbol, notional of a limit order) or the route values <c>account</c>,
/// <c>symbol</c> or <c>instrument</c>, and <c>desk</c>. Several attributes must all allow.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequirePermissionAttribute : Attribute, IAuthorizeData, IAuthorizationRequirementData
{
    private readonly IAuthorizationRequirement[] _requirements;

    /// <summary>Initializes the attribute.</summary>
    /// <param name="permission">The permission's dotted name, e.g. <c>orders.place</c>; an unknown name always denies.</param>
    /// <exception cref="ArgumentException">The name is null, empty or blank.</exception>
    public RequirePermissionAttribute(string permission)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        Permission = permission;
        _requirements = [new PermissionRequirement(permission)];
    }

    /// <summary>Gets the permission's dotted name.</summary>
    public string Permission { get; }

    /// <summary>Gets or sets the authentication schemes; always the TradingRl bearer scheme.</summary>
    /// <exception cref="NotSupportedException">On set: the scheme is fixed.</exception>
    public string? AuthenticationSchemes
    {
        get => TradingBearerDefaults.AuthenticationScheme;
        set => throw new NotSupportedException("RequirePermission always uses the TradingBearer scheme.");
    }

    /// <inheritdoc/>
    string? IAuthorizeData.Policy { get => null; set => throw new NotSupportedException("RequirePermission carries its own requirement, not a policy name."); }

    /// <inheritdoc/>
    string? IAuthorizeData.Roles { get => null; set => throw new NotSupportedException("Use permissions, not role names."); }

    /// <inheritdoc/>
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => _requirements;
}
