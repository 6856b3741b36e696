using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization;

/// <summary>The default <see cref="IRoleAdministrator"/> over an <see cref="IRoleAssignmentStore"/>.</summary>
/// <remarks>Checks run in a fixed order: input, authorization for <c>users.manage</c>, self, role known, role held, permissions held, desk, exclusive roles; the store write is a compare-and-set retried on conflict.</remarks>
public sealed partial class RoleAdministrator : IRoleAdministrator
{
    private const int MaxAttempts = 16;

    private readonly CompiledPolicy _policy;
    private readonly ITradingAuthorizer _authorizer;
    private readonly IRoleAssignmentStore _store;
    private readonly ISecurityEventPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal RoleAdministrator(
        CompiledPolicy policy,
        ITradingAuthorizer authorizer,
        IRoleAssignmentStore store,
        ISecurityEventPublisher publisher,
        TimeProvider time,
        ILogger<RoleAdministrator>? logger = null)
    {
        _policy = policy;
        _authorizer = authorizer;
        _store = store;
        _publisher = publisher;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public ValueTask<RoleChangeResult> AssignRoleAsync(SecurityPrincipal actor, string subject, string role, string? desk = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, subject, role, desk, assign: true, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<RoleChangeResult> RemoveRoleAsync(SecurityPrincipal actor, string subject, string role, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, subject, role, null, assign: false, cancellationToken);

    private static void CheckName(string? value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (value.Length == 0 || value.Length > SecurityPrincipal.MaxNameLength || string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{parameter} must be 1 to {SecurityPrincipal.MaxNameLength} characters and not blank.", parameter);
        }
    }

    private async ValueTask<RoleChangeResult> ChangeAsync(
        SecurityPrincipal actor, string subject, string role, string? desk, bool assign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        CheckName(subject, nameof(subject));
        CheckName(role, nameof(role));
        if (desk is not null)
        {
            CheckName(desk, nameof(desk));
        }

        var current = await _store.GetAsync(subject, cancellationToken).ConfigureAwait(false);
        var targetDesk = current?.Desk ?? desk ?? actor.Desk;

        // users.manage goes through the full decision: step-up, desk isolation and any rule on it apply.
        var decision = _authorizer.Authorize(actor, new AuthorizationRequest(Security.Permissions.ManageUsers) { Desk = targetDesk });
        if (!decision.IsAllowed)
        {
            return new RoleChangeResult(RoleChangeStatus.NotPermitted, null, decision.ReasonCode);
        }

        if (string.Equals(actor.Subject, subject, StringComparison.Ordinal))
        {
            return await RefuseEscalationAsync(actor, subject, role, RoleChangeStatus.SelfAssignment, "self_assignment", cancellationToken).ConfigureAwait(false);
        }

        if (!_policy.Roles.TryGetPermissions(role, out var rolePermissions))
        {
            return new RoleChangeResult(RoleChangeStatus.UnknownRole, null, "unknown_role");
        }

        if (!_policy.Roles.Holds(actor.Roles, role))
        {
            return await RefuseEscalationAsync(actor, subject, role, RoleChangeStatus.RoleNotHeld, "role_not_held", cancellationToken).ConfigureAwait(false);
        }

        if (!actor.Permissions.ContainsAll(rolePermissions))
        {
            return await RefuseEscalationAsync(actor, subject, role, RoleChangeStatus.ExceedsOwnPermissions, "exceeds_own_permissions", cancellationToken).ConfigureAwait(false);
        }

        if ((actor.Desk is not null && !string.Equals(actor.Desk, targetDesk, StringComparison.Ordinal)) ||
            (current is not null && desk is not null && !string.Equals(current.Desk, desk, StringComparison.Ordinal)))
        {
            return new RoleChangeResult(RoleChangeStatus.CrossDesk, null, "cross_desk");
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (attempt > 0)
            {
                current = await _store.GetAsync(subject, cancellationToken).ConfigureAwait(false);
                if (current is not null && !string.Equals(current.Desk, targetDesk, StringComparison.Ordinal))
                {
                    return new RoleChangeResult(RoleChangeStatus.CrossDesk, current, "cross_desk");
                }
            }

            var roles = current?.Roles ?? [];
            var holds = roles.Contains(role, StringComparer.Ordinal);
            if (assign == holds)
            {
                return new RoleChangeResult(assign ? RoleChangeStatus.AlreadyAssigned : RoleChangeStatus.NotAssigned, current);
            }

            string[] next = assign ? [.. roles.Append(role).Order(StringComparer.Ordinal)] : [.. roles.Where(r => r != role)];
            if (assign && _policy.FindExclusiveViolation(next) is { } constraint)
            {
                return new RoleChangeResult(RoleChangeStatus.ExclusiveRoles, current, constraint);
            }

            var version = current?.Version ?? 0;
            var updated = new RoleAssignment(subject, targetDesk, next, version + 1);
            if (await _store.TryReplaceAsync(updated, version, cancellationToken).ConfigureAwait(false))
            {
                var descriptor = assign ? SecurityEventTypes.RoleAssigned : SecurityEventTypes.RoleRemoved;
                Log.RoleChanged(_logger, actor.Subject, assign ? "assigned" : "removed", role, subject);
                await PublishAsync(descriptor, actor, subject, role, SecurityOutcome.Success, null, cancellationToken).ConfigureAwait(false);
                return new RoleChangeResult(assign ? RoleChangeStatus.Assigned : RoleChangeStatus.Removed, updated);
            }
        }

        return new RoleChangeResult(RoleChangeStatus.Conflict, null, "conflict");
    }

    private async ValueTask<RoleChangeResult> RefuseEscalationAsync(
        SecurityPrincipal actor, string subject, string role, RoleChangeStatus status, string reason, CancellationToken cancellationToken)
    {
        Log.Escalation(_logger, actor.Subject, role, subject, reason);
        await PublishAsync(SecurityEventTypes.PrivilegeEscalation, actor, subject, role, SecurityOutcome.Denied, reason, cancellationToken).ConfigureAwait(false);
        return new RoleChangeResult(status, null, reason);
    }

    private ValueTask PublishAsync(
        SecurityEventDescriptor descriptor, SecurityPrincipal actor, string subject, string role, SecurityOutcome outcome, string? reason, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["role"] = role, ["subject"] = subject };
        AuthorizationEvents.AddIfSet(properties, "reason", reason);
        AuthorizationEvents.AddIfSet(properties, "actor_desk", actor.Desk);
        return _publisher.PublishAsync(
            AuthorizationEvents.Create(descriptor, _time.GetUtcNow(), actor.Subject, "user/" + subject, outcome, properties), cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Actor} {Change} the role {Role} for {Subject}.")]
        public static partial void RoleChanged(ILogger logger, string actor, string change, string role, string subject);

        [LoggerMessage(2, LogLevel.Warning, "{Actor} was refused changing the role {Role} of {Subject}: {Reason} (privilege escalation attempt).")]
        public static partial void Escalation(ILogger logger, string actor, string role, string subject, string reason);
    }
}
