using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>Migrates the schema when the host starts, so a host that cannot reach its database fails to start instead of serving.</summary>
internal sealed class PostgreSqlMigrationHostedService(PostgreSqlStoreContext context, IOptions<PostgreSqlStoreOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await context.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
