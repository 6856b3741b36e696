using System.Security.Cryptography;
using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization;

/// <summary>The default <see cref="IApprovalWorkflow"/> over an <see cref="IApprovalStore"/>.</summary>
public sealed class ApprovalWorkflow : IApprovalWorkflow
{
    private readonly CompiledPolicy _policy;
    private readonly ITradingAuthorizer _authorizer;
    private readonly IApprovalStore _store;
    private readonly ISecurityEventPublisher _publisher;
    private readonly TimeProvider _time;

    internal ApprovalWorkflow(
        CompiledPolicy policy, ITradingAuthorizer authorizer, IApprovalStore store, ISecurityEventPublisher publisher, TimeProvider time, SecurityEventCatalog catalog)
    {
        _policy = policy;
        _authorizer = authorizer;
        _store = store;
        _publisher = publisher;
        _time = time;
        catalog.Register(AuthorizationEventTypes.ApprovalRequested);
        catalog.Register(AuthorizationEventTypes.ApprovalDecided);
    }

    /// <inheritdoc/>
    public async ValueTask<ApprovalResult> SubmitAsync(SecurityPrincipal maker, AuthorizationRequest request, string resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(maker);
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Length == 0 || resource.Length > SecurityPrincipal.MaxNameLength || string.IsNullOrWhiteSpace(resource))
        {
            throw new ArgumentException($"The resource must be 1 to {SecurityPrincipal.MaxNameLength} characters and not blank.", nameof(resource));
        }

        if (!request.Permission.IsDefined || !_policy.DualControl.ContainsKey(request.Permission))
        {
            return new ApprovalResult(ApprovalOutcome.NotDualControlled, null);
        }

        var decision = _authorizer.Authorize(maker, in request);
        if (!decision.IsAllowed)
        {
            return new ApprovalResult(ApprovalOutcome.NotPermitted, null, decision);
        }

        var now = _time.GetUtcNow();
        var pending = new ApprovalRequest(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), maker.Subject, request.Permission, request.Desk, request.Account,
            resource, now, now + _policy.ApprovalLifetime, ApprovalStatus.Pending);
        if (!await _store.AddAsync(pending, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The approval store already holds a request with a freshly drawn random id; the store is inconsistent.");
        }

        await PublishAsync(AuthorizationEventTypes.ApprovalRequested, maker.Subject, pending, SecurityOutcome.Success, null, cancellationToken).ConfigureAwait(false);
        return new ApprovalResult(ApprovalOutcome.Submitted, pending, decision);
    }

    /// <inheritdoc/>
    public ValueTask<ApprovalResult> ApproveAsync(SecurityPrincipal checker, string requestId, CancellationToken cancellationToken = default) =>
        DecideAsync(checker, requestId, ApprovalStatus.Approved, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ApprovalResult> RejectAsync(SecurityPrincipal checker, string requestId, CancellationToken cancellationToken = default) =>
        DecideAsync(checker, requestId, ApprovalStatus.Rejected, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ApprovalRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return _store.GetAsync(requestId, cancellationToken);
    }

    private async ValueTask<ApprovalResult> DecideAsync(SecurityPrincipal checker, string requestId, ApprovalStatus target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(requestId);
        var request = await _store.GetAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return new ApprovalResult(ApprovalOutcome.NotFound, null);
        }

        // No self-approval, whatever the roles: checked before anything else so an admin is refused too.
        if (string.Equals(checker.Subject, request.Maker, StringComparison.Ordinal))
        {
            var escalation = new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = "self_approval", ["request"] = request.Id };
            await _publisher.PublishAsync(
                AuthorizationEvents.Create(SecurityEventTypes.PrivilegeEscalation, _time.GetUtcNow(), checker.Subject, request.Resource, SecurityOutcome.Denied, escalation),
                cancellationToken).ConfigureAwait(false);
            return new ApprovalResult(ApprovalOutcome.SelfApproval, request);
        }

        if (request.Status != ApprovalStatus.Pending)
        {
            return new ApprovalResult(ApprovalOutcome.NotPending, request);
        }

        var now = _time.GetUtcNow();
        if (now >= request.ExpiresAt)
        {
            var lapsed = request with { Status = ApprovalStatus.Expired, DecidedAt = now };
            if (await _store.TryTransitionAsync(lapsed, cancellationToken).ConfigureAwait(false))
            {
                await PublishAsync(AuthorizationEventTypes.ApprovalDecided, checker.Subject, lapsed, SecurityOutcome.Failure, "expired", cancellationToken).ConfigureAwait(false);
            }

            return new ApprovalResult(ApprovalOutcome.Expired, lapsed);
        }

        var approver = _policy.DualControl.TryGetValue(request.Permission, out var p) ? p : request.Permission;
        var decision = _authorizer.Authorize(checker, new AuthorizationRequest(approver) { Desk = request.Desk, Account = request.Account });
        if (!decision.IsAllowed)
        {
            return new ApprovalResult(ApprovalOutcome.NotPermitted, request, decision);
        }

        var decided = request with { Status = target, Checker = checker.Subject, DecidedAt = now };
        if (!await _store.TryTransitionAsync(decided, cancellationToken).ConfigureAwait(false))
        {
            return new ApprovalResult(ApprovalOutcome.NotPending, await _store.GetAsync(requestId, cancellationToken).ConfigureAwait(false), decision);
        }

        await PublishAsync(
            AuthorizationEventTypes.ApprovalDecided, checker.Subject, decided, SecurityOutcome.Success, target == ApprovalStatus.Approved ? "approved" : "rejected", cancellationToken)
            .ConfigureAwait(false);
        return new ApprovalResult(target == ApprovalStatus.Approved ? ApprovalOutcome.Approved : ApprovalOutcome.Rejected, decided, decision);
    }

    private ValueTask PublishAsync(
        SecurityEventDescriptor descriptor, string actor, ApprovalRequest request, SecurityOutcome outcome, string? status, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["request"] = request.Id,
            ["maker"] = request.Maker,
            ["permission"] = request.Permission.Name,
        };
        AuthorizationEvents.AddIfSet(properties, "status", status);
        AuthorizationEvents.AddIfSet(properties, "desk", request.Desk);
        return _publisher.PublishAsync(AuthorizationEvents.Create(descriptor, _time.GetUtcNow(), actor, request.Resource, outcome, properties), cancellationToken);
    }
}
