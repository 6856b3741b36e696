using System.Globalization;
using StackExchange.Redis;
using TradingRl.Security.Auth.Lockout;

namespace TradingRl.Security.Stores.Redis;

/// <summary>An <see cref="ILockoutStore"/> in Redis, so a lock set by one host holds on every host.</summary>
/// <remarks>
/// <para>A state is one string value (<c>ticks|lockouts</c>), written with one <c>SET</c>, so a reader never sees half
/// of it. A timed lock expires <see cref="RedisStoreOptions.LockoutHistoryRetention"/> after it ends (its lockout
/// count, which doubles the next lock, is forgotten then); a lock until an administrator unlocks never expires.</para>
/// <para>Fails with <see cref="RedisStoreUnavailableException"/> when Redis is unreachable: the sign-in is refused.</para>
/// </remarks>
public sealed class RedisLockoutStore : ILockoutStore
{
    private const string Area = "lock:";
    private readonly RedisConnection _connection;
    private readonly TimeProvider _time;

    /// <summary>Initializes the store.</summary>
    /// <param name="connection">The shared connection.</param>
    /// <param name="timeProvider">The clock, for the expiry of timed locks.</param>
    public RedisLockoutStore(RedisConnection connection, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connection = connection;
        _time = timeProvider;
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    /// <exception cref="FormatException">The stored value is not a lockout state (tampered or written by something else).</exception>
    public async ValueTask<LockoutState?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue value;
        try
        {
            value = await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).StringGetAsync(_connection.Key(Area, key)).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "lockout.get");
        }

        return value.IsNull ? null : Parse(value.ToString());
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask SetAsync(string key, LockoutState? state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var k = _connection.Key(Area, key);
        try
        {
            if (state is null)
            {
                await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).KeyDeleteAsync(k).ConfigureAwait(false);
                return;
            }

            var value = state.LockedUntil.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + state.Lockouts.ToString(CultureInfo.InvariantCulture);
            TimeSpan? expiry = null;
            if (state.LockedUntil != DateTimeOffset.MaxValue)
            {
                var remaining = state.LockedUntil - _time.GetUtcNow();
                expiry = (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) + _connection.Options.LockoutHistoryRetention;
            }

            await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).StringSetAsync(k, value, expiry, When.Always).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "lockout.set");
        }
    }

    private static LockoutState Parse(string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0
            || !long.TryParse(value.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !int.TryParse(value.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var lockouts)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new FormatException("A lockout state in Redis is malformed (tampered, or written by something else under the key prefix); delete the key or unlock the account.");
        }

        return new LockoutState(new DateTimeOffset(ticks, TimeSpan.Zero), lockouts);
    }
}
