namespace TradingRl.Security.Stores.Redis;

/// <summary>The names of the Redis stores' instruments on the suite's meter (<see cref="Diagnostics.TradingSecurityTelemetry.Name"/>).</summary>
public static class RedisStoreTelemetry
{
    /// <summary>Counter: store operations refused because Redis was unreachable or too slow. Tags <c>store</c> (<c>redis</c>) and <c>operation</c>.</summary>
    public const string StoreUnavailable = "tradingrl.security.store.unavailable";

    /// <summary>Counter: token revocation checks answered from the local cache. Tag <c>store</c> (<c>redis</c>).</summary>
    public const string RevocationCacheHits = "tradingrl.security.store.revocation_cache_hits";
}
