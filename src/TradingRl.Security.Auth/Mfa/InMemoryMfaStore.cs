using System.Collections.Concurrent;

namespace TradingRl.Security.Auth.Mfa;

/// <summary>The embedded, per-process <see cref="IMfaStore"/>.</summary>
/// <remarks>Thread-safe (compare-and-swap on the record).</remarks>
public sealed class InMemoryMfaStore : IMfaStore
{
    private readonly ConcurrentDictionary<string, MfaEnrollment> _items = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<MfaEnrollment?> GetAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return ValueTask.FromResult(_items.TryGetValue(subject, out var e) ? e : null);
    }

    /// <inheritdoc/>
    public ValueTask SetAsync(string subject, MfaEnrollment enrollment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(enrollment);
        _items[subject] = enrollment;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryAdvanceStepAsync(string subject, long timeStep, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Update(subject, e => timeStep > e.LastAcceptedStep ? e with { LastAcceptedStep = timeStep } : null));

    /// <inheritdoc/>
    public ValueTask<bool> TryUseRecoveryCodeAsync(string subject, string codeHash, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Update(subject, e => e.RecoveryCodeHashes.Contains(codeHash, StringComparer.Ordinal)
            ? e with { RecoveryCodeHashes = [.. e.RecoveryCodeHashes.Where(h => !string.Equals(h, codeHash, StringComparison.Ordinal))] }
            : null));

    private bool Update(string subject, Func<MfaEnrollment, MfaEnrollment?> change)
    {
        ArgumentNullException.ThrowIfNull(subject);
        while (_items.TryGetValue(subject, out var current))
        {
            var next = change(current);
            if (next is null)
            {
                return false;
            }

            if (_items.TryUpdate(subject, next, current))
            {
                return true;
            }
        }

        return false;
    }
}
