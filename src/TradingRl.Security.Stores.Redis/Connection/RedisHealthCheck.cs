using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TradingRl.Security.Stores.Redis;

/// <summary>Reports the Redis stores healthy when the server answers a PING within the operation timeout.</summary>
/// <remarks>Registered by <c>UseRedis</c> as <c>tradingrl-redis</c>, tagged <c>tradingrl</c> and <c>ready</c>. Never throws.</remarks>
public sealed class RedisHealthCheck : IHealthCheck
{
    private readonly RedisConnection _connection;

    /// <summary>Initializes the check.</summary>
    /// <param name="connection">The shared connection.</param>
    public RedisHealthCheck(RedisConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).PingAsync().WaitAsync(_connection.Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            return new HealthCheckResult(context?.Registration.FailureStatus ?? HealthStatus.Unhealthy, $"Redis is unreachable or too slow ({ex.GetType().Name}): security decisions that need it are refused.");
        }
    }
}
