using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Tests;
using TradingRl.Security.Tests.Contracts;

namespace TradingRl.Security.Stores.Redis.Tests.Mfa;

/// <summary>The MFA challenge contract against the embedded in-memory store.</summary>
public sealed class InMemoryMfaChallengeStoreContractTests : MfaChallengeStoreContract
{
    protected override IMfaChallengeStore Store { get; } = new InMemoryMfaChallengeStore();
}

/// <summary>The MFA challenge contract against Redis.</summary>
[NeedsServer("TRADINGRL_REDIS")]
public sealed class RedisMfaChallengeStoreContractTests : MfaChallengeStoreContract, IDisposable
{
    private readonly RedisConnection _connection = RedisTestServer.Connect(RedisTestServer.NewPrefix("mfa"));

    public RedisMfaChallengeStoreContractTests() => Store = new RedisMfaChallengeStore(_connection);

    protected override IMfaChallengeStore Store { get; }

    [RedisFact]
    public async Task AddAsync_KeyExpiresAfterTheLifetimePlusTheMargin()
    {
        var c = New("ttl");
        await Store.AddAsync(c);
        var ttl = await _connection.Multiplexer.GetDatabase().KeyTimeToLiveAsync(_connection.KeyPrefix + "mfa-challenge:" + c.ChallengeHash);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(6) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(6) + TimeSpan.FromMilliseconds(1));
    }

    [RedisFact]
    public async Task GetAsync_Tampered_ThrowsFormatException()
    {
        var c = New("tampered");
        await Store.AddAsync(c);
        await _connection.Multiplexer.GetDatabase().HashSetAsync(_connection.KeyPrefix + "mfa-challenge:" + c.ChallengeHash, "ex", "soon");
        await Assert.ThrowsAsync<FormatException>(async () => await Store.GetAsync(c.ChallengeHash));
    }

    public void Dispose() => _connection.Dispose();
}
