using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Stores.Redis.Tests.Lockout;

/// <summary>What the Redis lockout store adds to the contract: expiry of timed locks, none for locks until unlocked, tampering refused.</summary>
public sealed class RedisLockoutStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly string _prefix = RedisTestServer.NewPrefix("lock-ttl");
    private readonly RedisConnection _connection;
    private readonly RedisLockoutStore _store;

    public RedisLockoutStoreTests()
    {
        _connection = RedisTestServer.Connect(_prefix, o => o.LockoutHistoryRetention = TimeSpan.FromDays(30));
        _store = new RedisLockoutStore(_connection, new FakeTimeProvider(T0));
    }

    [RedisFact]
    public async Task SetAsync_TimedLock_ExpiresAfterTheLockPlusTheRetention()
    {
        await _store.SetAsync("user/a", new LockoutState(T0.AddMinutes(10), 1));
        var ttl = await _connection.Multiplexer.GetDatabase().KeyTimeToLiveAsync(_prefix + "lock:user/a");
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(30) + TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(5), TimeSpan.FromDays(30) + TimeSpan.FromMinutes(10));
    }

    [RedisFact]
    public async Task SetAsync_LockUntilUnlocked_NeverExpires()
    {
        await _store.SetAsync("user/b", new LockoutState(T0.AddMinutes(10), 1));
        await _store.SetAsync("user/b", new LockoutState(DateTimeOffset.MaxValue, 2));
        Assert.Null(await _connection.Multiplexer.GetDatabase().KeyTimeToLiveAsync(_prefix + "lock:user/b"));
    }

    [RedisFact]
    public async Task GetAsync_TamperedState_ThrowsFormatException()
    {
        await _connection.Multiplexer.GetDatabase().StringSetAsync(_prefix + "lock:user/c", "999999999999999999999|x");
        await Assert.ThrowsAsync<FormatException>(async () => await _store.GetAsync("user/c"));
    }

    public void Dispose() => _connection.Dispose();
}
