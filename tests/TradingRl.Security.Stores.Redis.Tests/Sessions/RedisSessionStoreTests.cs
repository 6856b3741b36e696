using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Stores.Redis.Tests.Sessions;

/// <summary>What the Redis session store adds to the contract: key expiry and refusing tampered records.</summary>
public sealed class RedisSessionStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly string _prefix = RedisTestServer.NewPrefix("session-ttl");
    private readonly RedisConnection _connection;

    public RedisSessionStoreTests() => _connection = RedisTestServer.Connect(_prefix, o => o.ExpiryMargin = TimeSpan.FromMinutes(1));

    [RedisFact]
    public async Task AddAsync_KeyExpiresAfterTheIdleTimeoutPlusTheMargin()
    {
        var store = new RedisSessionStore(_connection, new SessionOptions { IdleTimeout = TimeSpan.FromMinutes(30) });
        await store.AddAsync(new SessionRecord("s_ttl", "alice", T0, T0, T0.AddHours(12)));
        var ttl = await Db().KeyTimeToLiveAsync(_prefix + "session:s_ttl");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(31) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(31));
    }

    [RedisFact]
    public async Task TouchAsync_NearTheAbsoluteLimit_ExpiryFollowsTheAbsoluteLimit()
    {
        var store = new RedisSessionStore(_connection, new SessionOptions { IdleTimeout = TimeSpan.FromMinutes(30) });
        await store.AddAsync(new SessionRecord("s_abs", "alice", T0, T0, T0.AddHours(12)));
        Assert.True(await store.TouchAsync("s_abs", T0.AddHours(12) - TimeSpan.FromMinutes(10)));
        var ttl = await Db().KeyTimeToLiveAsync(_prefix + "session:s_abs");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(11) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(11));
    }

    [RedisFact]
    public async Task IdleSession_VanishesFromRedisAndFromTheSubjectsList()
    {
        // Idle timeout 2 s plus a 0.5 s margin: long enough that a loaded machine lists both before they go.
        using var fast = RedisTestServer.Connect(RedisTestServer.NewPrefix("session-vanish"), o => o.ExpiryMargin = TimeSpan.FromMilliseconds(500));
        var store = new RedisSessionStore(fast, new SessionOptions { IdleTimeout = TimeSpan.FromSeconds(2) });
        await store.AddAsync(new SessionRecord("s_gone", "bob", T0, T0, T0.AddHours(12)));
        await store.AddAsync(new SessionRecord("s_kept", "bob", T0.AddTicks(1), T0, T0.AddHours(12)));
        Assert.Equal(2, (await store.ListAsync("bob")).Count);
        for (var i = 0; i < 200 && (await store.ListAsync("bob")).Count > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await store.TouchAsync("s_kept", T0.AddMinutes(1)) is false);
        Assert.Null(await store.GetAsync("s_gone"));
        Assert.Empty(await store.ListAsync("bob"));
    }

    [RedisFact]
    public async Task GetAsync_TamperedRecord_ThrowsFormatExceptionWithoutTheValue()
    {
        var store = new RedisSessionStore(_connection, new SessionOptions());
        await store.AddAsync(new SessionRecord("s_bad", "carol", T0, T0, T0.AddHours(1)));
        await Db().HashSetAsync(_prefix + "session:s_bad", "cr", "not-ticks-4242");
        var ex = await Assert.ThrowsAsync<FormatException>(async () => await store.GetAsync("s_bad"));
        Assert.DoesNotContain("4242", ex.Message, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task SessionManager_OverRedis_DecidesIdleExpiryByItsOwnClock()
    {
        var time = new FakeTimeProvider(T0);
        var options = new SessionOptions();
        var manager = new SessionManager(options, new RedisSessionStore(_connection, options), time);
        var s = await manager.CreateAsync("dave", ["pwd"]);
        time.Advance(options.IdleTimeout - TimeSpan.FromTicks(1));
        Assert.NotNull(await manager.GetLiveAsync(s.SessionId));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await manager.GetLiveAsync(s.SessionId));
    }

    public void Dispose() => _connection.Dispose();

    private IDatabase Db() => _connection.Multiplexer.GetDatabase();
}
