using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>Reports whether the PostgreSQL stores can reach their server and the schema is migrated.</summary>
/// <remarks>Registered by <c>UsePostgreSql</c> as <c>tradingrl-postgresql</c> (tags <c>tradingrl</c>, <c>postgresql</c>, <c>ready</c>). Never throws.</remarks>
public sealed class PostgreSqlStoreHealthCheck : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "tradingrl-postgresql";

    private readonly PostgreSqlStoreContext _context;

    internal PostgreSqlStoreHealthCheck(PostgreSqlStoreContext context) => _context = context;

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Dictionary<string, object> { ["schema"] = _context.SchemaName, ["expected_version"] = SchemaMigrations.Latest };
        try
        {
            var version = await _context.ReadVersionAsync(cancellationToken).ConfigureAwait(false);
            data["version"] = version;
            return version >= SchemaMigrations.Latest
                ? HealthCheckResult.Healthy($"PostgreSQL schema {_context.SchemaName} is reachable at version {version}.", data)
                : new HealthCheckResult(context.Registration.FailureStatus, $"PostgreSQL schema {_context.SchemaName} is at version {version}, not yet migrated to {SchemaMigrations.Latest}.", data: data);
        }
        catch (PostgreSqlStoreUnavailableException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex, data);
        }
    }
}
