namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The default <see cref="IConsentStore"/>: in memory, for one process; a host that must keep consent across restarts registers a durable store.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryConsentStore : IConsentStore
{
    private readonly Dictionary<string, List<ConsentRecord>> _bySubject = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public ValueTask<bool> TryGrantAsync(ConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!_bySubject.TryGetValue(record.Subject, out var list))
            {
                _bySubject[record.Subject] = list = [];
            }

            if (list.Exists(r => r.IsActive && string.Equals(r.Purpose, record.Purpose, StringComparison.Ordinal)))
            {
                return ValueTask.FromResult(false);
            }

            list.Add(record);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<ConsentRecord?> TryWithdrawAsync(string subject, string purpose, DateTimeOffset withdrawnAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(purpose);
        lock (_gate)
        {
            if (!_bySubject.TryGetValue(subject, out var list))
            {
                return ValueTask.FromResult<ConsentRecord?>(null);
            }

            var i = list.FindIndex(r => r.IsActive && string.Equals(r.Purpose, purpose, StringComparison.Ordinal));
            if (i < 0)
            {
                return ValueTask.FromResult<ConsentRecord?>(null);
            }

            list[i] = list[i] with { WithdrawnAt = withdrawnAt };
            return ValueTask.FromResult<ConsentRecord?>(list[i]);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ConsentRecord>> ListAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<ConsentRecord>>(_bySubject.TryGetValue(subject, out var list) ? [.. list] : []);
        }
    }
}
