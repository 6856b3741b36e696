namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>The names of the PostgreSQL stores' instruments on the suite's <c>TradingRl.Security</c> meter.</summary>
public static class PostgreSqlStoreTelemetry
{
    /// <summary>Counter: store operations that failed because the server could not be reached. Tags <c>store</c> and <c>operation</c>.</summary>
    public const string Unavailable = "tradingrl.security.stores.postgresql.unavailable";

    /// <summary>Counter: schema migrations applied by this host. Tag <c>schema</c>.</summary>
    public const string MigrationsApplied = "tradingrl.security.stores.postgresql.migrations_applied";

    /// <summary>Counter: audit records appended (one add per group commit, by the group size).</summary>
    public const string AuditRecordsAppended = "tradingrl.security.stores.postgresql.audit.records_appended";
}
