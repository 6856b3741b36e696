using TradingRl.Security.Tests;
using TradingRl.Security.Tests.Contracts;

namespace TradingRl.Security.Stores.Redis.Tests.Counters;

/// <summary>The counter contract against the embedded in-memory store.</summary>
public sealed class InMemorySlidingWindowCounterStoreContractTests : SlidingWindowCounterStoreContract
{
    protected override ISlidingWindowCounterStore Store { get; } = new InMemorySlidingWindowCounterStore();
}

/// <summary>The counter contract against Redis.</summary>
[NeedsServer("TRADINGRL_REDIS")]
public sealed class RedisSlidingWindowCounterStoreContractTests : SlidingWindowCounterStoreContract, IDisposable
{
    private readonly RedisConnection _connection = RedisTestServer.Connect(RedisTestServer.NewPrefix("counters"));

    public RedisSlidingWindowCounterStoreContractTests() => Store = new RedisSlidingWindowCounterStore(_connection);

    protected override ISlidingWindowCounterStore Store { get; }

    public void Dispose() => _connection.Dispose();
}
