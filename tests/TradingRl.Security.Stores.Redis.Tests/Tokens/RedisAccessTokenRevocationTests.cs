using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Stores.Redis.Tests.Tokens;

/// <summary>The local cache of the Redis revocation check: used, bounded in time, invalidated by pub/sub.</summary>
public sealed class RedisAccessTokenRevocationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly InMemoryUserStore _users = new();
    private readonly SessionOptions _options = new();
    private readonly List<IDisposable> _owned = [];
    private readonly string _prefix = RedisTestServer.NewPrefix("revocation-cache");

    [RedisFact]
    public async Task IsRevokedAsync_Repeated_IsAnsweredFromTheCache()
    {
        var (revocation, sessions, connection) = Host(TimeSpan.FromSeconds(10));
        using var hits = new MetricCollector<long>(connection.RevocationCacheHits);
        await SignInAsync(sessions);
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            Assert.False(await revocation.IsRevokedAsync("u_ann", "s_ann", T0));
            return hits.GetMeasurementSnapshot().Count > 0;
        }, TimeSpan.FromSeconds(5)));
    }

    [RedisFact]
    public async Task IsRevokedAsync_CacheDisabled_NeverAnswersFromTheCache()
    {
        var (revocation, sessions, connection) = Host(TimeSpan.Zero);
        using var hits = new MetricCollector<long>(connection.RevocationCacheHits);
        await SignInAsync(sessions);
        for (var i = 0; i < 20; i++)
        {
            Assert.False(await revocation.IsRevokedAsync("u_ann", "s_ann", T0));
            await Task.Delay(5);
        }

        Assert.Empty(hits.GetMeasurementSnapshot());
    }

    [RedisFact]
    public async Task IsRevokedAsync_RevokedElsewhereWithoutPubSub_SeenOnceTheCacheDurationPasses()
    {
        var (revocation, sessions, connection) = Host(TimeSpan.FromSeconds(1));
        await SignInAsync(sessions);
        using var hits = new MetricCollector<long>(connection.RevocationCacheHits);
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await revocation.IsRevokedAsync("u_ann", "s_ann", T0);
            return hits.GetMeasurementSnapshot().Count > 0;
        }, TimeSpan.FromSeconds(5)));

        // Written behind the store's back (no published message): the cached answer holds until it ages out.
        using var raw = RedisTestServer.Connect(_prefix);
        await raw.Multiplexer.GetDatabase().HashSetAsync(_prefix + "session:s_ann", "rv", "0638000000000000000");
        Assert.False(await revocation.IsRevokedAsync("u_ann", "s_ann", T0));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await revocation.IsRevokedAsync("u_ann", "s_ann", T0));
    }

    [RedisFact]
    public async Task IsRevokedAsync_CredentialsChangedAfterCaching_SeenOnceTheCacheDurationPasses()
    {
        var (revocation, sessions, _) = Host(TimeSpan.FromSeconds(1));
        await SignInAsync(sessions);
        Assert.False(await revocation.IsRevokedAsync("u_ann", "s_ann", T0));
        var user = await _users.FindBySubjectAsync("u_ann");
        Assert.True(await _users.UpdateAsync(user! with { CredentialsChangedAt = T0.AddSeconds(1) }));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await revocation.IsRevokedAsync("u_ann", "s_ann", T0));
    }

    public void Dispose()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }
    }

    private (RedisAccessTokenRevocation Revocation, RedisSessionStore Sessions, RedisConnection Connection) Host(TimeSpan cacheDuration)
    {
        var connection = RedisTestServer.Connect(_prefix, o => o.TokenRevocationCacheDuration = cacheDuration);
        var sessions = new RedisSessionStore(connection, _options);
        var revocation = new RedisAccessTokenRevocation(connection, sessions, _users, _options, _time);
        _owned.Add(revocation);
        _owned.Add(connection);
        return (revocation, sessions, connection);
    }

    private async Task SignInAsync(RedisSessionStore sessions)
    {
        await _users.TryAddAsync(new UserAccount("u_ann", "ann", "hash", ["trader"], T0.AddDays(-1)));
        await sessions.AddAsync(new SessionRecord("s_ann", "u_ann", T0, T0, T0.AddHours(12)));
    }

}
