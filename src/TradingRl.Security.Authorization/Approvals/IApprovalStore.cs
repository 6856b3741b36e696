namespace TradingRl.Security.Authorization;

/// <summary>Stores maker-checker requests.</summary>
/// <remarks>Implementations must be thread-safe and make <see cref="TryTransitionAsync"/> atomic, so a request is decided once.</remarks>
public interface IApprovalStore
{
    /// <summary>Adds a new request.</summary>
    /// <param name="request">The request, <see cref="ApprovalStatus.Pending"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when a request with the same id exists.</returns>
    ValueTask<bool> AddAsync(ApprovalRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads a request.</summary>
    /// <param name="id">The request id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The request, or <see langword="null"/> when unknown.</returns>
    ValueTask<ApprovalRequest?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a request if it is still <see cref="ApprovalStatus.Pending"/>.</summary>
    /// <param name="updated">The decided request (same id).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when this call decided it; <see langword="false"/> when it was already decided or is unknown.</returns>
    ValueTask<bool> TryTransitionAsync(ApprovalRequest updated, CancellationToken cancellationToken = default);
}
