namespace TradingRl.Security.Authorization;

/// <summary>Assigns and removes roles without privilege escalation.</summary>
/// <remarks>
/// The actor must be authorized for <c>users.manage</c> (with its step-up), hold the role (directly or by inheritance)
/// and every permission it grants, act on a user of their own desk, and never on themselves. Every change publishes
/// <c>authz.role.assigned</c> or <c>authz.role.removed</c>; an escalation attempt publishes <c>authz.privilege.escalation</c>.
/// Refusals are values, never exceptions. Thread-safe.
/// </remarks>
public interface IRoleAdministrator
{
    /// <summary>Assigns a role to a user.</summary>
    /// <param name="actor">Who assigns.</param>
    /// <param name="subject">The user's subject id.</param>
    /// <param name="role">The role name.</param>
    /// <param name="desk">The desk of a user not stored yet; the actor's desk when <see langword="null"/>. Ignored for a stored user unless it differs (then refused).</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The subject or role name is empty or too long.</exception>
    ValueTask<RoleChangeResult> AssignRoleAsync(SecurityPrincipal actor, string subject, string role, string? desk = null, CancellationToken cancellationToken = default);

    /// <summary>Removes a role from a user.</summary>
    /// <param name="actor">Who removes.</param>
    /// <param name="subject">The user's subject id.</param>
    /// <param name="role">The role name.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The subject or role name is empty or too long.</exception>
    ValueTask<RoleChangeResult> RemoveRoleAsync(SecurityPrincipal actor, string subject, string role, CancellationToken cancellationToken = default);

}
