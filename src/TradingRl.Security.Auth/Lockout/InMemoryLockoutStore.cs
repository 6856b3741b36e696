using System.Collections.Concurrent;

namespace TradingRl.Security.Auth.Lockout;

/// <summary>The embedded, per-process <see cref="ILockoutStore"/>.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryLockoutStore : ILockoutStore
{
    private readonly ConcurrentDictionary<string, LockoutState> _states = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<LockoutState?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ValueTask.FromResult(_states.TryGetValue(key, out var s) ? s : null);
    }

    /// <inheritdoc/>
    public ValueTask SetAsync(string key, LockoutState? state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (state is null)
        {
            _states.TryRemove(key, out _);
        }
        else
        {
            _states[key] = state;
        }

        return ValueTask.CompletedTask;
    }
}
