using TradingRl.Security.Stores;

namespace TradingRl.Security.Testing;

/// <summary>A sliding-window throttle driven by a clock you control (e.g. <c>FakeTimeProvider</c>): at most a limit of acquisitions per key within a window.</summary>
/// <remarks>
/// For a host's tests of its own rate limits and lockouts: advance the fake clock instead of sleeping. It counts through an
/// <see cref="ISlidingWindowCounterStore"/> (Core's in-memory one by default, or the store the host uses), so it exercises the same
/// counting the packages do. A refused attempt is not counted against the window. Thread-safe: checking and counting are one step.
/// </remarks>
public sealed class ClockDrivenThrottle : IDisposable
{
    private readonly ISlidingWindowCounterStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _allowed;
    private long _refused;

    /// <summary>Initializes a throttle.</summary>
    /// <param name="timeProvider">The clock, usually a <c>FakeTimeProvider</c>.</param>
    /// <param name="limit">The acquisitions allowed per key within <paramref name="window"/>; at least 1.</param>
    /// <param name="window">The sliding window; more than zero.</param>
    /// <param name="store">Where occurrences are counted; a new <see cref="InMemorySlidingWindowCounterStore"/> when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> or <paramref name="window"/> is not positive.</exception>
    public ClockDrivenThrottle(TimeProvider timeProvider, int limit, TimeSpan window, ISlidingWindowCounterStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _time = timeProvider;
        Limit = limit;
        Window = window;
        _store = store ?? new InMemorySlidingWindowCounterStore();
    }

    /// <summary>Gets the acquisitions allowed per key within <see cref="Window"/>.</summary>
    public int Limit { get; }

    /// <summary>Gets the sliding window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets how many acquisitions were allowed, over every key.</summary>
    public long Allowed => Interlocked.Read(ref _allowed);

    /// <summary>Gets how many acquisitions were refused, over every key.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Acquires one slot for a key at the clock's current time, if the key is under its limit.</summary>
    /// <param name="key">The key (a user, an address, an endpoint); not empty.</param>
    /// <param name="cancellationToken">Cancels the store call.</param>
    /// <returns>Whether the acquisition is allowed (and counted).</returns>
    public async ValueTask<bool> TryAcquireAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (await _store.CountAsync(key, now, Window, cancellationToken).ConfigureAwait(false) >= Limit)
            {
                Interlocked.Increment(ref _refused);
                return false;
            }

            await _store.IncrementAsync(key, now, Window, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _allowed);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Returns how many acquisitions a key has within the window ending now.</summary>
    /// <param name="key">The key; not empty.</param>
    /// <param name="cancellationToken">Cancels the store call.</param>
    /// <returns>The count.</returns>
    public ValueTask<long> CountAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _store.CountAsync(key, _time.GetUtcNow(), Window, cancellationToken);
    }

    /// <summary>Forgets a key's acquisitions.</summary>
    /// <param name="key">The key; not empty.</param>
    /// <param name="cancellationToken">Cancels the store call.</param>
    /// <returns>A task that completes when the key is reset.</returns>
    public ValueTask ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _store.ResetAsync(key, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}
