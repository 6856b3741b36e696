namespace TradingRl.Security.Authorization;

/// <summary>Maker-checker approval of changes under dual control (dynamic separation of duties).</summary>
/// <remarks>
/// A maker authorized for the change submits it; a different user authorized for the approver permission, on the same
/// desk, approves or rejects it once. Nobody decides their own request, admins included: an attempt publishes
/// <c>authz.privilege.escalation</c>. Thread-safe.
/// </remarks>
public interface IApprovalWorkflow
{
    /// <summary>Submits a change for approval.</summary>
    /// <param name="maker">Who requests the change; must be authorized for <paramref name="request"/>.</param>
    /// <param name="request">The change's permission and resource attributes.</param>
    /// <param name="resource">What is changed, e.g. <c>risk-limit/agent-1/max-notional</c> (1 to 256 characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome; on success the pending request.</returns>
    /// <exception cref="ArgumentException">The resource is empty or too long.</exception>
    ValueTask<ApprovalResult> SubmitAsync(SecurityPrincipal maker, AuthorizationRequest request, string resource, CancellationToken cancellationToken = default);

    /// <summary>Approves a pending request.</summary>
    /// <param name="checker">Who approves; must not be the maker.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    ValueTask<ApprovalResult> ApproveAsync(SecurityPrincipal checker, string requestId, CancellationToken cancellationToken = default);

    /// <summary>Rejects a pending request.</summary>
    /// <param name="checker">Who rejects; must not be the maker.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    ValueTask<ApprovalResult> RejectAsync(SecurityPrincipal checker, string requestId, CancellationToken cancellationToken = default);

    /// <summary>Reads a request, e.g. to check it was approved before carrying out the change.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The request, or <see langword="null"/> when unknown.</returns>
    ValueTask<ApprovalRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default);
}
