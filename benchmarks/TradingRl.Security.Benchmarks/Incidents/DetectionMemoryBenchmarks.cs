using BenchmarkDotNet.Attributes;
using TradingRl.Security.Events;
using TradingRl.Security.Incidents;

namespace TradingRl.Security.Benchmarks.Incidents;

/// <summary>Memory with a million distinct keys: one failed login each for a million accounts, through the default rule set.</summary>
/// <remarks>The per-rule key cap (default 100,000) bounds what is kept; the managed heap after the run is printed.</remarks>
[MemoryDiagnoser]
public class DetectionMemoryBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Params(1_000_000)]
    public int Keys { get; set; }

    [Benchmark]
    public long MillionDistinctKeys()
    {
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var engine = new DetectionEngine(DefaultDetectionRules.Create(), new DetectionOptions());
        var alerts = new List<SecurityAlert>();
        for (var i = 0; i < Keys; i++)
        {
            engine.Process(new SecurityEvent(SecurityEventTypes.LoginFailed.Type, SecuritySeverity.Low, T0.AddTicks(i * 100L)) { Actor = $"user-{i}", SourceAddress = $"10.{i % 200}.{i / 200 % 200}.1", Outcome = SecurityOutcome.Failure }, alerts);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var stats = engine.GetStatistics();
        Console.WriteLine($"// keys tracked {stats.TrackedKeys}, evicted {stats.KeysEvicted}, expired {stats.KeysExpired}, retained heap {(after - before) / 1_048_576.0:F1} MiB");
        GC.KeepAlive(engine);
        return stats.TrackedKeys;
    }
}
