using TradingRl.Security.Tests;

namespace TradingRl.Security.Stores.Redis.Tests.Counters;

/// <summary>What the Redis counter store adds to the contract: idle keys vanish.</summary>
public sealed class RedisSlidingWindowCounterStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [RedisFact]
    public async Task IncrementAsync_SetsExpiryToTheWindowPlusTheMargin_SoIdleKeysVanish()
    {
        var prefix = RedisTestServer.NewPrefix("counter-ttl");
        using var connection = RedisTestServer.Connect(prefix, o => o.ExpiryMargin = TimeSpan.FromSeconds(1));
        var store = new RedisSlidingWindowCounterStore(connection);
        await store.IncrementAsync("idle", T0, TimeSpan.FromSeconds(3));
        var db = connection.Multiplexer.GetDatabase();

        // Window plus margin: 4 s (wide enough that a loaded machine still reads it before it runs out).
        var ttl = await db.KeyTimeToLiveAsync(prefix + "counter:idle");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(4));

        // Then the idle key is gone, by Redis's own expiry.
        for (var i = 0; i < 200 && await db.KeyExistsAsync(prefix + "counter:idle"); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(await db.KeyExistsAsync(prefix + "counter:idle"));
    }

    [RedisFact]
    public async Task IncrementAsync_ShorterWindowLater_DoesNotShortenTheExpiry()
    {
        var prefix = RedisTestServer.NewPrefix("counter-ttl2");
        using var connection = RedisTestServer.Connect(prefix, o => o.ExpiryMargin = TimeSpan.FromSeconds(1));
        var store = new RedisSlidingWindowCounterStore(connection);
        await store.IncrementAsync("k", T0, TimeSpan.FromMinutes(10));
        await store.IncrementAsync("k", T0, TimeSpan.FromSeconds(1));
        var ttl = await connection.Multiplexer.GetDatabase().KeyTimeToLiveAsync(prefix + "counter:k");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
    }
}
