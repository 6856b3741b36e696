using Microsoft.Extensions.Options;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Stores.Redis.Tests;

/// <summary>Connections to the test Redis (TRADINGRL_REDIS), each under its own key prefix so test classes run in parallel.</summary>
internal static class RedisTestServer
{
    public static string Configuration => TestServers.RequireRedis();

    public static string NewPrefix(string name) => "test:" + name + ":" + Guid.NewGuid().ToString("N")[..12] + ":";

    public static RedisStoreOptions Options(string prefix, Action<RedisStoreOptions>? configure = null)
    {
        var o = new RedisStoreOptions { Configuration = Configuration, KeyPrefix = prefix, ConnectTimeout = TimeSpan.FromSeconds(5), OperationTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(o);
        return o;
    }

    public static RedisConnection Connect(string prefix, Action<RedisStoreOptions>? configure = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(prefix, configure)));
}
