namespace TradingRl.Security.Stores;

/// <summary>Counts occurrences per key in a sliding time window, for lockout, throttles and detection rules.</summary>
/// <remarks>
/// Window semantics: an occurrence at time <c>t</c> is inside the window at time <c>now</c> when <c>now - window &lt; t &lt;= now</c>;
/// an occurrence exactly <c>window</c> old is outside. Fleet implementations (e.g. Redis) must be atomic across hosts.
/// </remarks>
public interface ISlidingWindowCounterStore
{
    /// <summary>Records one occurrence at <paramref name="timestamp"/> and returns how many are in the window ending then, this one included.</summary>
    /// <param name="key">The key, e.g. <c>login-failures/user/alice</c>.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <param name="window">The window length; more than zero.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count in the window.</returns>
    ValueTask<long> IncrementAsync(string key, DateTimeOffset timestamp, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Returns how many occurrences are in the window ending at <paramref name="now"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="now">The end of the window.</param>
    /// <param name="window">The window length; more than zero.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    ValueTask<long> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Forgets every occurrence of a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when done.</returns>
    ValueTask ResetAsync(string key, CancellationToken cancellationToken = default);
}
