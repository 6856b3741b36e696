namespace TradingRl.Security.Tests;

/// <summary>
/// The servers the store tests run against: PostgreSQL and Redis on loopback, started by <c>eng/services.sh</c>
/// (which <c>.ci/run</c> calls). Their connection strings come from <c>TRADINGRL_POSTGRES</c> and <c>TRADINGRL_REDIS</c>.
/// On a developer's machine without them the tests that need a server are skipped with the reason; with
/// <c>TRADINGRL_REQUIRE_SERVERS=1</c> (set by CI) they run and fail instead, so CI never silently skips them.
/// </summary>
internal static class TestServers
{
    public static string? PostgreSql => Environment.GetEnvironmentVariable("TRADINGRL_POSTGRES") is { Length: > 0 } s ? s : null;

    public static string? Redis => Environment.GetEnvironmentVariable("TRADINGRL_REDIS") is { Length: > 0 } s ? s : null;

    public static bool Required => Environment.GetEnvironmentVariable("TRADINGRL_REQUIRE_SERVERS") == "1";

    public static string RequirePostgreSql() =>
        PostgreSql ?? throw new InvalidOperationException("TRADINGRL_POSTGRES is not set: start the servers with eval \"$(eng/services.sh start DIR)\".");

    public static string RequireRedis() =>
        Redis ?? throw new InvalidOperationException("TRADINGRL_REDIS is not set: start the servers with eval \"$(eng/services.sh start DIR)\".");

    internal static string? SkipReason(string? value, string variable) =>
        value is null && !Required ? $"{variable} is not set: start PostgreSQL and Redis with eval \"$(eng/services.sh start DIR)\" to run this test." : null;
}

/// <summary>A fact that needs the PostgreSQL server (see <see cref="TestServers"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute() => Skip = TestServers.SkipReason(TestServers.PostgreSql, "TRADINGRL_POSTGRES");
}

/// <summary>A fact that needs the Redis server (see <see cref="TestServers"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = TestServers.SkipReason(TestServers.Redis, "TRADINGRL_REDIS");
}
