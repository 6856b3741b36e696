using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Benchmarks.Audit;

/// <summary>Durable appends (fsync before acknowledging) from 1, 8 and 64 concurrent writers: our group commit beside SQLite in WAL mode with synchronous=FULL.</summary>
[MemoryDiagnoser]
public class AuditDurableAppendBenchmarks
{
    private const int Appends = 1024;
    private SecurityEvent[] _events = [];
    private string _dir = string.Empty;
    private AuditTrail? _trail;

    [Params(1, 8, 64)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup() => _events = AuditBenchmarkData.Events(Appends);

    [IterationSetup(Target = nameof(AuditTrail_GroupCommit))]
    public void SetupTrail()
    {
        _dir = AuditBenchmarkData.TempDirectory("durable");
        _trail = AuditBenchmarkData.Trail(_dir);
        _trail.OpenAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup(Target = nameof(AuditTrail_GroupCommit))]
    public void CleanupTrail()
    {
        _trail!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    [IterationSetup(Target = nameof(Sqlite_WalSynchronousFull))]
    public void SetupSqlite()
    {
        _dir = AuditBenchmarkData.TempDirectory("sqlite");
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE audit(seq INTEGER PRIMARY KEY, event_id BLOB NOT NULL UNIQUE, recorded_at INTEGER NOT NULL, type TEXT NOT NULL, actor TEXT, resource TEXT, correlation_id TEXT, outcome INTEGER NOT NULL, properties TEXT NOT NULL);";
        cmd.ExecuteNonQuery();
    }

    [IterationCleanup(Target = nameof(Sqlite_WalSynchronousFull))]
    public void CleanupSqlite()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Ours: each writer appends its share one record at a time; an append returns once its group is fsynced.</summary>
    [Benchmark(OperationsPerInvoke = Appends)]
    public Task AuditTrail_GroupCommit() => Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
    {
        for (var i = w; i < Appends; i += Writers)
        {
            await _trail!.AppendAsync(_events[i]);
        }
    })));

    /// <summary>Peer: each writer inserts its share with its own connection, one autocommit transaction (one WAL fsync) per record.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Appends)]
    public Task Sqlite_WalSynchronousFull() => Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO audit(event_id, recorded_at, type, actor, resource, correlation_id, outcome, properties) VALUES ($id, $at, $type, $actor, $resource, $corr, $outcome, $props)";
        var id = cmd.Parameters.Add("$id", SqliteType.Blob);
        var at = cmd.Parameters.Add("$at", SqliteType.Integer);
        var type = cmd.Parameters.Add("$type", SqliteType.Text);
        var actor = cmd.Parameters.Add("$actor", SqliteType.Text);
        var resource = cmd.Parameters.Add("$resource", SqliteType.Text);
        var corr = cmd.Parameters.Add("$corr", SqliteType.Text);
        var outcome = cmd.Parameters.Add("$outcome", SqliteType.Integer);
        var props = cmd.Parameters.Add("$props", SqliteType.Text);
        for (var i = w; i < Appends; i += Writers)
        {
            var e = _events[i];
            id.Value = e.Id.ToByteArray();
            at.Value = e.Timestamp.UtcTicks;
            type.Value = e.Type;
            actor.Value = e.Actor;
            resource.Value = e.Resource;
            corr.Value = e.CorrelationId;
            outcome.Value = (int)e.Outcome;
            props.Value = string.Join(';', e.Properties.Select(p => p.Key + "=" + p.Value));
            cmd.ExecuteNonQuery();
        }
    })));

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, "audit.db"), Pooling = true, DefaultTimeout = 60 }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;";
        cmd.ExecuteNonQuery();
        return c;
    }
}
