using System.Collections.Concurrent;

namespace TradingRl.Security.Authorization;

/// <summary>The embedded <see cref="IApprovalStore"/>: requests in memory, lost at restart.</summary>
/// <remarks>Thread-safe; a pending request is decided by exactly one <see cref="TryTransitionAsync"/>.</remarks>
public sealed class InMemoryApprovalStore : IApprovalStore
{
    private readonly ConcurrentDictionary<string, ApprovalRequest> _requests = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<bool> AddAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_requests.TryAdd(request.Id, request));
    }

    /// <inheritdoc/>
    public ValueTask<ApprovalRequest?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_requests.TryGetValue(id, out var r) ? r : null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryTransitionAsync(ApprovalRequest updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(
            _requests.TryGetValue(updated.Id, out var current) &&
            current.Status == ApprovalStatus.Pending &&
            _requests.TryUpdate(updated.Id, updated, current));
    }
}
