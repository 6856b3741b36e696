using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using TradingRl.Security.Stores.PostgreSql;

namespace TradingRl.Security.Tests;

public sealed class SchemaMigrationTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    [PostgreSqlFact]
    public async Task StartAsync_EightHostsAtOnce_MigrateTheSchemaOnce()
    {
        var schema = database.NewSchema();
        var hosts = Enumerable.Range(0, 8).Select(_ => database.NewHost(options: o => o.Schema = schema)).ToList();

        await Task.WhenAll(hosts.Select(h => Task.Run(async () =>
        {
            foreach (var service in h.GetServices<IHostedService>().OfType<PostgreSqlMigrationHostedService>())
            {
                await service.StartAsync(CancellationToken.None);
            }
        })));

        // One row per version (the primary key would make a second apply fail that host's start, which WhenAll would throw).
        var versions = await QueryAsync($"SELECT version FROM \"{schema}\".schema_version ORDER BY version");
        Assert.Equal(Enumerable.Range(1, SchemaMigrations.Latest).Select(v => (long)v), versions);
    }

    [PostgreSqlFact]
    public async Task CheckHealthAsync_MigratedSchema_IsHealthyWithTheVersion()
    {
        var health = database.Host.GetRequiredService<HealthCheckService>();
        await database.Host.GetRequiredService<Auth.Users.IUserStore>().FindBySubjectAsync("anyone");

        var report = await health.CheckHealthAsync();

        var entry = report.Entries[PostgreSqlStoreHealthCheck.Name];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(SchemaMigrations.Latest, entry.Data["version"]);
        Assert.Equal(database.Schema, entry.Data["schema"]);
    }

    [PostgreSqlFact]
    public async Task CheckHealthAsync_SchemaNotYetMigrated_IsUnhealthy()
    {
        var schema = database.NewSchema();
        await using var host = database.NewHost(options: o => o.Schema = schema);

        var report = await host.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[PostgreSqlStoreHealthCheck.Name];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(0, entry.Data["version"]);
    }

    [Fact]
    public async Task CheckHealthAsync_ServerUnreachable_IsUnhealthyAndNamesNoPassword()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTradingSecurity(b => b.UsePostgreSql(o =>
        {
            // Port 1 on loopback: nothing listens, the connection is refused at once.
            o.ConnectionString = "Host=127.0.0.1;Port=1;Username=u;Password=hunter2-secret;Database=d";
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
        }));
        await using var host = services.BuildServiceProvider();

        var report = await host.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[PostgreSqlStoreHealthCheck.Name];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.IsType<PostgreSqlStoreUnavailableException>(entry.Exception);
        Assert.DoesNotContain("hunter2", entry.Description, StringComparison.Ordinal);
    }

    private static async Task<List<long>> QueryAsync(string sql)
    {
        await using var c = new NpgsqlConnection(PostgreSqlDatabase.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<long>();
        while (await r.ReadAsync())
        {
            list.Add(Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return list;
    }
}
