namespace TradingRl.Security;

/// <summary>Resolves role names to permissions; provided by the Authorization package, used by Auth when it builds a principal.</summary>
public interface IPermissionResolver
{
    /// <summary>Resolves roles, with inheritance, to the permissions they grant.</summary>
    /// <param name="roles">The role names.</param>
    /// <returns>The union of their permissions; unknown roles grant nothing.</returns>
    PermissionSet Resolve(IReadOnlyList<string> roles);
}
