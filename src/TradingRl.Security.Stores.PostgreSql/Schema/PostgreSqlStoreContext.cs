using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using TradingRl.Security.Diagnostics;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>What every PostgreSQL store shares: the data source, the schema (migrated once), failure mapping and the metric.</summary>
/// <remarks>Thread-safe; one per service provider.</remarks>
internal sealed class PostgreSqlStoreContext : IAsyncDisposable, IDisposable
{
    // The first key of the two-key advisory locks this package takes; the second is derived from the schema name (and purpose).
    private const int AdvisoryLockClass = 0x54524C53; // "TRLS"
    private readonly SemaphoreSlim _migrateGate = new(1, 1);
    private readonly ILogger _logger;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _unavailable;
    private readonly Counter<long> _migrationsApplied;
    private volatile bool _migrated;

    public PostgreSqlStoreContext(IOptions<PostgreSqlStoreOptions> options, ILogger<PostgreSqlStoreContext>? logger = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        var validation = new PostgreSqlStoreOptionsValidator().Validate(null, o);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(PostgreSqlStoreOptions), typeof(PostgreSqlStoreOptions), validation.Failures);
        }

        SchemaName = o.Schema;
        Schema = "\"" + o.Schema + "\"";
        var builder = new NpgsqlDataSourceBuilder(o.ConnectionString);
        builder.ConnectionStringBuilder.CommandTimeout = (int)Math.Ceiling(o.CommandTimeout.TotalSeconds);
        builder.ConnectionStringBuilder.Timeout = (int)Math.Ceiling(o.ConnectTimeout.TotalSeconds);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = "TradingRl.Security";
        }

        DataSource = builder.Build();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _unavailable = _meter.CreateCounter<long>(PostgreSqlStoreTelemetry.Unavailable, description: "PostgreSQL store operations that failed closed because the server was unavailable.");
        _migrationsApplied = _meter.CreateCounter<long>(PostgreSqlStoreTelemetry.MigrationsApplied, description: "PostgreSQL schema migrations applied by this host.");
        AuditRecordsAppended = _meter.CreateCounter<long>(PostgreSqlStoreTelemetry.AuditRecordsAppended, description: "Audit records appended to PostgreSQL.");
    }

    /// <summary>Gets the data source.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Gets the schema name, quoted for SQL.</summary>
    public string Schema { get; }

    /// <summary>Gets the schema name as configured.</summary>
    public string SchemaName { get; }

    /// <summary>Gets the audit append counter.</summary>
    public Counter<long> AuditRecordsAppended { get; }

    /// <summary>Gets the key of this schema's advisory locks for a purpose.</summary>
    public (int Class, int Key) LockKey(string purpose) => (AdvisoryLockClass, StableHash(SchemaName + "/" + purpose));

    /// <summary>Replaces <c>{schema}</c> in SQL text with the quoted schema name.</summary>
    public string Sql(string text) => text.Replace("{schema}", Schema, StringComparison.Ordinal);

    /// <summary>Applies pending migrations once per process, under an advisory lock so a fleet starting together migrates once.</summary>
    public async ValueTask EnsureMigratedAsync(CancellationToken cancellationToken = default)
    {
        if (_migrated)
        {
            return;
        }

        await _migrateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            await RunAsync("schema", "migrate", MigrateAsync, cancellationToken, migrateFirst: false).ConfigureAwait(false);
            _migrated = true;
        }
        finally
        {
            _migrateGate.Release();
        }
    }

    /// <summary>Reads the schema version: 0 when the schema was never migrated.</summary>
    public ValueTask<int> ReadVersionAsync(CancellationToken cancellationToken = default) =>
        RunAsync("schema", "read the schema version", async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand("SELECT to_regclass(@t) IS NOT NULL", c);
            cmd.Parameters.AddWithValue("t", Schema + ".schema_version");
            if (!(bool)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
            {
                return 0;
            }

            await using var v = new NpgsqlCommand(Sql("SELECT coalesce(max(version), 0) FROM {schema}.schema_version"), c);
            return (int)(await v.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken, migrateFirst: false);

    /// <summary>Runs a store operation on a pooled connection, after migrating, mapping a server outage to <see cref="PostgreSqlStoreUnavailableException"/>.</summary>
    public async ValueTask<T> RunAsync<T>(string store, string operation, Func<NpgsqlConnection, CancellationToken, ValueTask<T>> body, CancellationToken cancellationToken, bool migrateFirst = true)
    {
        try
        {
            if (migrateFirst)
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
            }

            var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await body(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw Unavailable(store, operation, ex);
        }
    }

    /// <summary>Runs a store operation synchronously (for the synchronous key-ring store interface).</summary>
    public T Run<T>(string store, string operation, Func<NpgsqlConnection, T> body)
    {
        try
        {
            if (!_migrated)
            {
                EnsureMigratedAsync().AsTask().GetAwaiter().GetResult();
            }

            using var connection = DataSource.OpenConnection();
            return body(connection);
        }
        catch (Exception ex) when (IsUnavailable(ex, CancellationToken.None))
        {
            throw Unavailable(store, operation, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        DisposeRest();
    }

    public void Dispose()
    {
        DataSource.Dispose();
        DisposeRest();
    }

    /// <summary>Tells whether a failure means the server could not be reached or dropped the connection (as opposed to a bug or a constraint).</summary>
    internal static bool IsUnavailable(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        PostgreSqlStoreUnavailableException => false,
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) // admin shutdown, crash shutdown, cannot connect now
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal), // insufficient resources
        NpgsqlException => true, // socket failures, timeouts, broken connections
        SocketException or TimeoutException => true,
        OperationCanceledException => false,
        InvalidOperationException when ex.InnerException is NpgsqlException or SocketException => true,
        _ => false,
    } && !cancellationToken.IsCancellationRequested;

    private PostgreSqlStoreUnavailableException Unavailable(string store, string operation, Exception ex)
    {
        // Pooled connections to a server that went away are dead: drop them so the next call after recovery opens fresh ones.
        DataSource.Clear();
        _unavailable.Add(1, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("operation", operation));
        PostgreSqlStoreLog.Unavailable(_logger, store, operation, ex);
        return new PostgreSqlStoreUnavailableException(
            $"The PostgreSQL {store} store could not {operation}: the server is unavailable ({ex.GetType().Name}: {Describe(ex)}). The operation was not performed; retry once the server is back.",
            ex);
    }

    private static string Describe(Exception ex) => ex is PostgresException pg ? pg.SqlState + " " + pg.MessageText : ex.InnerException?.Message ?? ex.Message;

    private async ValueTask<int> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var (cls, key) = LockKey("migrations");
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@c, @k)", connection, transaction))
            {
                lockCmd.Parameters.AddWithValue("c", cls);
                lockCmd.Parameters.AddWithValue("k", key);
                await lockCmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var create = new NpgsqlCommand(Sql("""
                CREATE SCHEMA IF NOT EXISTS {schema};
                CREATE TABLE IF NOT EXISTS {schema}.schema_version (
                    version integer PRIMARY KEY,
                    description text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now());
                """), connection, transaction))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            int current;
            await using (var read = new NpgsqlCommand(Sql("SELECT coalesce(max(version), 0) FROM {schema}.schema_version"), connection, transaction))
            {
                current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            if (current > SchemaMigrations.Latest)
            {
                PostgreSqlStoreLog.SchemaNewer(_logger, SchemaName, current, SchemaMigrations.Latest);
            }

            var applied = new List<SchemaMigration>();
            foreach (var m in SchemaMigrations.All.Where(m => m.Version > current))
            {
                await using var apply = new NpgsqlCommand(Sql(m.Sql), connection, transaction);
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await using var record = new NpgsqlCommand(Sql("INSERT INTO {schema}.schema_version (version, description) VALUES (@v, @d)"), connection, transaction);
                record.Parameters.AddWithValue("v", m.Version);
                record.Parameters.AddWithValue("d", m.Description);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                applied.Add(m);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var m in applied)
            {
                _migrationsApplied.Add(1, new KeyValuePair<string, object?>("schema", SchemaName));
                PostgreSqlStoreLog.MigrationApplied(_logger, SchemaName, m.Version, m.Description);
            }

            return applied.Count;
        }
    }

    private void DisposeRest()
    {
        _migrateGate.Dispose();
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    // FNV-1a: stable across processes and releases, unlike string.GetHashCode.
    private static int StableHash(string value)
    {
        var hash = 2166136261u;
        foreach (var ch in value)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
