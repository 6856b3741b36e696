using Microsoft.AspNetCore.Authorization;

namespace TradingRl.Security.AspNetCore.Authorization;

/// <summary>An ASP.NET Core authorization requirement decided by the suite's <see cref="TradingRl.Security.Authorization.ITradingAuthorizer"/>.</summary>
/// <param name="permissionName">The permission's dotted name, e.g. <c>orders.place</c>.</param>
public sealed class PermissionRequirement(string permissionName) : IAuthorizationRequirement
{
    /// <summary>Gets the permission's dotted name.</summary>
    public string PermissionName { get; } = permissionName;

    /// <inheritdoc/>
    public override string ToString() => "permission " + PermissionName;
}
