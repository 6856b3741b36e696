using BenchmarkDotNet.Attributes;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Benchmarks.Audit;

/// <summary>In-memory appends (batches of 1,000 as immudb measures, and 64 concurrent single appenders) and full verification of a stored log.</summary>
[MemoryDiagnoser]
public class AuditInMemoryBenchmarks
{
    private const int Records = 100_000;
    private const int Batch = 1_000;
    private SecurityEvent[] _events = [];
    private AuditTrail? _trail;
    private string _verifyDir = string.Empty;

    /// <summary>Gets the bytes of the stored log verified by <see cref="VerifyStoredLog"/> (printed once for the MB/s figure).</summary>
    public long StoredBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _events = AuditBenchmarkData.Events(Records);
        _verifyDir = AuditBenchmarkData.TempDirectory("verify");
        var t = AuditBenchmarkData.Trail(_verifyDir);
        for (var i = 0; i < Records; i += Batch)
        {
            t.AppendRangeAsync(_events.AsMemory(i, Batch)).AsTask().GetAwaiter().GetResult();
        }

        t.DisposeAsync().AsTask().GetAwaiter().GetResult();

        StoredBytes = Directory.GetFiles(Path.Combine(_verifyDir, "segments")).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"// stored log for verification: {Records} records, {StoredBytes} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_verifyDir, recursive: true);

    [IterationSetup(Targets = [nameof(InMemory_AppendRange_Batches1000), nameof(InMemory_64Writers_SingleAppends)])]
    public void SetupTrail()
    {
        _trail = AuditBenchmarkData.Trail(null);
        _trail.OpenAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup(Targets = [nameof(InMemory_AppendRange_Batches1000), nameof(InMemory_64Writers_SingleAppends)])]
    public void CleanupTrail() => _trail!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Records)]
    public async Task InMemory_AppendRange_Batches1000()
    {
        for (var i = 0; i < Records; i += Batch)
        {
            await _trail!.AppendRangeAsync(_events.AsMemory(i, Batch));
        }
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public Task InMemory_64Writers_SingleAppends() => Task.WhenAll(Enumerable.Range(0, 64).Select(w => Task.Run(async () =>
    {
        for (var i = w; i < Records; i += 64)
        {
            await _trail!.AppendAsync(_events[i]);
        }
    })));

    /// <summary>Full verification: re-hash every stored record, check every signed commit; one operation = one record.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public async Task<bool> VerifyStoredLog() => (await AuditLogVerifier.VerifyDirectoryAsync(_verifyDir)).IsValid;
}
