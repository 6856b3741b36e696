using System.Collections.Frozen;

namespace TradingRl.Security.Authorization;

/// <summary>The compiled roles of the policy: each role's permissions and inherited roles, precomputed at start.</summary>
/// <remarks>Immutable and thread-safe. <see cref="Resolve"/> costs one hash lookup per role named and allocates nothing.</remarks>
public sealed class RoleRegistry : IPermissionResolver
{
    private readonly FrozenDictionary<string, RoleEntry> _roles;

    internal RoleRegistry(FrozenDictionary<string, RoleEntry> roles) => _roles = roles;

    /// <summary>Gets the number of roles.</summary>
    public int Count => _roles.Count;

    /// <summary>Gets the role names, in no particular order.</summary>
    public IReadOnlyList<string> Names => _roles.Keys;

    /// <summary>Tells whether a role is defined (ordinal).</summary>
    /// <param name="role">The role name.</param>
    /// <returns><see langword="true"/> when defined.</returns>
    public bool Contains(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return _roles.ContainsKey(role);
    }

    /// <summary>Returns the permissions a role grants, its inherited roles' included.</summary>
    /// <param name="role">The role name.</param>
    /// <param name="permissions">The permissions when the role is defined; empty otherwise.</param>
    /// <returns><see langword="true"/> when the role is defined.</returns>
    public bool TryGetPermissions(string role, out PermissionSet permissions)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (_roles.TryGetValue(role, out var entry))
        {
            permissions = entry.Permissions;
            return true;
        }

        permissions = PermissionSet.Empty;
        return false;
    }

    /// <summary>Returns the roles a role includes: itself and every role it inherits from, transitively.</summary>
    /// <param name="role">The role name.</param>
    /// <returns>The roles; empty for an unknown role.</returns>
    public IReadOnlySet<string> GetIncludedRoles(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return _roles.TryGetValue(role, out var entry) ? entry.Included : FrozenSet<string>.Empty;
    }

    /// <summary>Tells whether holders of <paramref name="heldRoles"/> hold <paramref name="role"/>, directly or by inheritance.</summary>
    /// <param name="heldRoles">The roles held.</param>
    /// <param name="role">The role asked about.</param>
    /// <returns><see langword="true"/> when one of the held roles is or inherits <paramref name="role"/>.</returns>
    public bool Holds(IReadOnlyList<string> heldRoles, string role)
    {
        ArgumentNullException.ThrowIfNull(heldRoles);
        ArgumentNullException.ThrowIfNull(role);
        for (var i = 0; i < heldRoles.Count; i++)
        {
            if (heldRoles[i] is { } held && _roles.TryGetValue(held, out var entry) && entry.Included.Contains(role))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    /// <remarks>Unknown roles grant nothing; allocation-free.</remarks>
    public PermissionSet Resolve(IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var set = PermissionSet.Empty;
        for (var i = 0; i < roles.Count; i++)
        {
            if (roles[i] is { } role && _roles.TryGetValue(role, out var entry))
            {
                set = set.Union(entry.Permissions);
            }
        }

        return set;
    }
}
