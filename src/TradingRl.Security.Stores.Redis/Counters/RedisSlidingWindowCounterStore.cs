using System.Globalization;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace TradingRl.Security.Stores.Redis;

/// <summary>An <see cref="ISlidingWindowCounterStore"/> in Redis, shared and atomic across every host of a fleet.</summary>
/// <remarks>
/// <para>Each key is a sorted set whose members all score 0 and sort lexicographically: a member is the occurrence's
/// UTC ticks as 19 digits, a colon and an id unique per increment. Range queries on those fixed-width strings compare
/// ticks exactly (100 ns), where a floating-point score would round them. The window is <c>(now - window, now]</c>,
/// exactly as <see cref="InMemorySlidingWindowCounterStore"/>.</para>
/// <para>An increment is one Lua script (evict what left the window, cap at
/// <see cref="InMemorySlidingWindowCounterStore.MaxOccurrencesPerKey"/>, add, set expiry, count), so concurrent
/// increments from many hosts each see a distinct, exact count. The key expires <c>window</c> plus
/// <see cref="RedisStoreOptions.ExpiryMargin"/> after its last increment, so idle keys vanish.</para>
/// <para>Fails with <see cref="RedisStoreUnavailableException"/> when Redis is unreachable (fail closed).</para>
/// </remarks>
public sealed class RedisSlidingWindowCounterStore : ISlidingWindowCounterStore
{
    private const string IncrementScript = """
        redis.call('ZREMRANGEBYLEX', KEYS[1], '-', ARGV[2])
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then
          redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
        end
        redis.call('ZADD', KEYS[1], 0, ARGV[1])
        local ttl = tonumber(ARGV[6])
        if redis.call('PTTL', KEYS[1]) < ttl then
          redis.call('PEXPIRE', KEYS[1], ttl)
        end
        return redis.call('ZLEXCOUNT', KEYS[1], ARGV[3], ARGV[4])
        """;

    private const string Area = "counter:";
    private static readonly string ProcessId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private static long s_sequence;
    private readonly RedisConnection _connection;

    /// <summary>Initializes the store.</summary>
    /// <param name="connection">The shared connection.</param>
    public RedisSlidingWindowCounterStore(RedisConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask<long> IncrementAsync(string key, DateTimeOffset timestamp, TimeSpan window, CancellationToken cancellationToken = default)
    {
        Check(key, window);
        cancellationToken.ThrowIfCancellationRequested();
        var ticks = timestamp.UtcTicks;
        var start = StartTicks(ticks, window);

        // Unique per increment across the fleet: a random id per process and a process-wide counter (several stores may share a process).
        var member = Ticks(ticks) + ":" + ProcessId + Interlocked.Increment(ref s_sequence).ToString("x", CultureInfo.InvariantCulture);
        var ttl = (long)(window + _connection.Options.ExpiryMargin).TotalMilliseconds;
        RedisValue[] args =
        [
            member,
            "(" + Ticks(start + 1),
            "[" + Ticks(start + 1),
            "(" + Ticks(ticks + 1),
            InMemorySlidingWindowCounterStore.MaxOccurrencesPerKey,
            ttl,
        ];
        try
        {
            var result = await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).ScriptEvaluateAsync(IncrementScript, [_connection.Key(Area, key)], args).ConfigureAwait(false);
            return (long)result;
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "counter.increment");
        }
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask<long> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        Check(key, window);
        cancellationToken.ThrowIfCancellationRequested();
        var ticks = now.UtcTicks;
        try
        {
            return await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).SortedSetLengthByValueAsync(
                _connection.Key(Area, key), Ticks(StartTicks(ticks, window) + 1), Ticks(ticks + 1), Exclude.Stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "counter.count");
        }
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).KeyDeleteAsync(_connection.Key(Area, key)).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "counter.reset");
        }
    }

    // Occurrences at or before now - window are outside; clamped at zero for windows longer than the timestamp itself.
    private static long StartTicks(long ticks, TimeSpan window) => Math.Max(ticks - window.Ticks, -1);

    private static string Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private static void Check(string key, TimeSpan window)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
    }
}
