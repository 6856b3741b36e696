using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Tests;
using TradingRl.Security.Tests.Contracts;

namespace TradingRl.Security.Stores.Redis.Tests.Lockout;

/// <summary>The lockout-store contract against the embedded in-memory store.</summary>
public sealed class InMemoryLockoutStoreContractTests : LockoutStoreContract
{
    protected override ILockoutStore Store { get; } = new InMemoryLockoutStore();
}

/// <summary>The lockout-store contract against Redis.</summary>
[NeedsServer("TRADINGRL_REDIS")]
public sealed class RedisLockoutStoreContractTests : LockoutStoreContract, IDisposable
{
    private readonly RedisConnection _connection = RedisTestServer.Connect(RedisTestServer.NewPrefix("lockout"));

    public RedisLockoutStoreContractTests() => Store = new RedisLockoutStore(_connection, new FakeTimeProvider(T0));

    protected override ILockoutStore Store { get; }

    public void Dispose() => _connection.Dispose();
}
