using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TradingRl.Security.Benchmarks.Audit;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;
using TradingRl.Security.Stores.PostgreSql;

namespace TradingRl.Security.Benchmarks.Stores;

/// <summary>
/// Durable audit appends to PostgreSQL from 8 and 64 concurrent writers: our group commit (one transaction per group, binary COPY)
/// beside row-per-insert (each record its own autocommit INSERT, one WAL flush each). Needs <c>TRADINGRL_POSTGRES</c>.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlAuditAppendBenchmarks
{
    private const int Appends = 1024;
    private SecurityEvent[] _events = [];
    private string _connectionString = string.Empty;
    private string _schema = string.Empty;
    private ServiceProvider? _host;
    private AuditTrail? _trail;

    [Params(8, 64)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _events = AuditBenchmarkData.Events(Appends);
        _connectionString = Environment.GetEnvironmentVariable("TRADINGRL_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("TRADINGRL_POSTGRES is not set: start a server with eval \"$(eng/services.sh start DIR)\" before running the PostgreSQL benchmarks.");
    }

    [IterationSetup(Target = nameof(PostgreSql_GroupCommit))]
    public void SetupTrail()
    {
        _schema = NewSchema();
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.UsePostgreSql(o => { o.ConnectionString = _connectionString; o.Schema = _schema; }));
        _host = services.BuildServiceProvider();
        _trail = new AuditTrail(_host.GetRequiredService<IAuditStore>(), Options.Create(new AuditTrailOptions { InMemory = true, CheckpointInterval = TimeSpan.Zero }));
        _trail.OpenAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup(Target = nameof(PostgreSql_GroupCommit))]
    public void CleanupTrail()
    {
        _trail!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _host!.DisposeAsync().AsTask().GetAwaiter().GetResult(); // the PostgreSQL stores dispose asynchronously only
        Drop();
    }

    [IterationSetup(Target = nameof(PostgreSql_RowPerInsert))]
    public void SetupTable()
    {
        _schema = NewSchema();
        using var c = Open();
        using var cmd = new NpgsqlCommand($"CREATE SCHEMA \"{_schema}\"; CREATE TABLE \"{_schema}\".audit(seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id uuid NOT NULL UNIQUE, recorded_at timestamptz NOT NULL, type text NOT NULL, actor text, resource text, correlation_id text, outcome int NOT NULL, properties text NOT NULL)", c);
        cmd.ExecuteNonQuery();
    }

    [IterationCleanup(Target = nameof(PostgreSql_RowPerInsert))]
    public void CleanupTable() => Drop();

    /// <summary>Ours: each writer appends its share one record at a time; an append returns once its group's transaction committed.</summary>
    [Benchmark(OperationsPerInvoke = Appends)]
    public Task PostgreSql_GroupCommit() => Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
    {
        for (var i = w; i < Appends; i += Writers)
        {
            await _trail!.AppendAsync(_events[i]);
        }
    })));

    /// <summary>Peer: each writer inserts its share over its own connection, one autocommit INSERT (one commit flush) per record.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Appends)]
    public Task PostgreSql_RowPerInsert() => Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
    {
        await using var c = Open();
        await using var cmd = new NpgsqlCommand($"INSERT INTO \"{_schema}\".audit(event_id, recorded_at, type, actor, resource, correlation_id, outcome, properties) VALUES (@id, @at, @type, @actor, @resource, @corr, @outcome, @props)", c);
        var id = cmd.Parameters.Add("id", NpgsqlDbType.Uuid);
        var at = cmd.Parameters.Add("at", NpgsqlDbType.TimestampTz);
        var type = cmd.Parameters.Add("type", NpgsqlDbType.Text);
        var actor = cmd.Parameters.Add("actor", NpgsqlDbType.Text);
        var resource = cmd.Parameters.Add("resource", NpgsqlDbType.Text);
        var corr = cmd.Parameters.Add("corr", NpgsqlDbType.Text);
        var outcome = cmd.Parameters.Add("outcome", NpgsqlDbType.Integer);
        var props = cmd.Parameters.Add("props", NpgsqlDbType.Text);
        for (var i = w; i < Appends; i += Writers)
        {
            var e = _events[i];
            id.Value = e.Id;
            at.Value = e.Timestamp.UtcDateTime;
            type.Value = e.Type;
            actor.Value = (object?)e.Actor ?? DBNull.Value;
            resource.Value = (object?)e.Resource ?? DBNull.Value;
            corr.Value = (object?)e.CorrelationId ?? DBNull.Value;
            outcome.Value = (int)e.Outcome;
            props.Value = string.Join(';', e.Properties.Select(p => p.Key + "=" + p.Value));
            await cmd.ExecuteNonQueryAsync();
        }
    })));

    private static string NewSchema() => "bench_" + Guid.NewGuid().ToString("N")[..16];

    private NpgsqlConnection Open()
    {
        var c = new NpgsqlConnection(_connectionString);
        c.Open();
        return c;
    }

    private void Drop()
    {
        using var c = Open();
        using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", c);
        cmd.ExecuteNonQuery();
    }
}
