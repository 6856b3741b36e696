using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Tests;
using TradingRl.Security.Tests.Contracts;

namespace TradingRl.Security.Stores.Redis.Tests.Sessions;

/// <summary>The session-store contract against the embedded in-memory store.</summary>
public sealed class InMemorySessionStoreContractTests : SessionStoreContract
{
    protected override ISessionStore Store { get; } = new InMemorySessionStore();
}

/// <summary>The session-store contract against Redis.</summary>
[NeedsServer("TRADINGRL_REDIS")]
public sealed class RedisSessionStoreContractTests : SessionStoreContract, IDisposable
{
    private readonly RedisConnection _connection = RedisTestServer.Connect(RedisTestServer.NewPrefix("sessions"));

    public RedisSessionStoreContractTests() => Store = new RedisSessionStore(_connection, new SessionOptions());

    protected override ISessionStore Store { get; }

    public void Dispose() => _connection.Dispose();
}
