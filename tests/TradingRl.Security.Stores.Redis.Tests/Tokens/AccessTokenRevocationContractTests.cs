using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Tests;
using TradingRl.Security.Tests.Contracts;

namespace TradingRl.Security.Stores.Redis.Tests.Tokens;

/// <summary>The revocation contract against Auth's default over the in-memory stores.</summary>
public sealed class SessionTokenRevocationContractTests : AccessTokenRevocationContract
{
    protected override ISessionStore CreateSessions() => new InMemorySessionStore();

    protected override IAccessTokenRevocation CreateRevocation(ISessionStore sessions, IUserStore users, SessionOptions options, TimeProvider time) =>
        new SessionTokenRevocation(sessions, users, options, time);
}

/// <summary>The revocation contract against the Redis check (with its local cache) over Redis sessions.</summary>
[NeedsServer("TRADINGRL_REDIS")]
public sealed class RedisAccessTokenRevocationContractTests : AccessTokenRevocationContract, IDisposable
{
    private readonly RedisConnection _connection = RedisTestServer.Connect(RedisTestServer.NewPrefix("revocation"), o => o.TokenRevocationCacheDuration = TimeSpan.FromSeconds(10));

    protected override ISessionStore CreateSessions() => new RedisSessionStore(_connection, Options);

    protected override IAccessTokenRevocation CreateRevocation(ISessionStore sessions, IUserStore users, SessionOptions options, TimeProvider time) =>
        new RedisAccessTokenRevocation(_connection, sessions, users, options, time);

    public void Dispose() => _connection.Dispose();
}
