using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TradingRl.Security.Stores.PostgreSql;

namespace TradingRl.Security.Tests;

/// <summary>A fresh schema in the test server for one test class, dropped at the end; hosts are service providers using it.</summary>
/// <remarks>Lazy: nothing touches the server until a test asks for a host, so classes whose tests are skipped need no server.</remarks>
public sealed class PostgreSqlDatabase : IAsyncLifetime
{
    private readonly List<ServiceProvider> _hosts = [];
    private readonly List<string> _schemas = [];
    private readonly Lock _gate = new();
    private ServiceProvider? _default;

    /// <summary>Gets the schema this class owns.</summary>
    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Gets the connection string of the test server.</summary>
    public static string ConnectionString => TestServers.RequirePostgreSql();

    /// <summary>Gets the first host, made on first use.</summary>
    public IServiceProvider Host
    {
        get
        {
            lock (_gate)
            {
                return _default ??= NewHost();
            }
        }
    }

    /// <summary>Builds another host (its own service provider, pool and caches) over the same schema.</summary>
    public ServiceProvider NewHost(Action<ITradingSecurityBuilder>? configure = null, Action<PostgreSqlStoreOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTradingSecurity(b =>
        {
            configure?.Invoke(b);
            b.UsePostgreSql(o =>
            {
                o.ConnectionString = ConnectionString;
                o.Schema = Schema;
                options?.Invoke(o);
            });
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        lock (_gate)
        {
            _hosts.Add(provider);
        }

        return provider;
    }

    /// <summary>Makes another schema name, dropped with this one at the end.</summary>
    public string NewSchema()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        lock (_gate)
        {
            _schemas.Add(name);
        }

        return name;
    }

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        ServiceProvider[] hosts;
        lock (_gate)
        {
            hosts = [.. _hosts];
        }

        foreach (var h in hosts)
        {
            await h.DisposeAsync();
        }

        if (hosts.Length > 0)
        {
            // Unpooled: a pooled connection may predate an outage test's server restart and be dead.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            foreach (var schema in _schemas.Append(Schema))
            {
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
