using BenchmarkDotNet.Attributes;
using TradingRl.Security.Events;
using TradingRl.Security.Incidents;
using TradingRl.Security.Stores;

namespace TradingRl.Security.Benchmarks.Incidents;

/// <summary>
/// Events per second through the default rule set (18 rules) on one core, and bytes allocated per event that fires no rule.
/// Peer: Core's <see cref="InMemorySlidingWindowCounterStore"/> doing one "more than 5 in 5 minutes" count per event (5,000
/// keys, events 1 ms apart), the store-based way one rule could be evaluated without the engine.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(64)]
public class DetectionEngineBenchmarks
{
    private const int BatchSize = 10_000;
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly List<SecurityAlert> _alerts = [];
    private DetectionEngine _engine = null!;
    private SecurityEvent[][] _batches = null!;
    private SecurityEvent[] _unmatched = null!;
    private InMemorySlidingWindowCounterStore _peer = null!;
    private string[] _peerKeys = null!;
    private int _next;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new DetectionEngine(DefaultDetectionRules.Create(), new DetectionOptions { DeduplicationCapacity = 100_000 });

        // A trading host's mix: requests, orders and fills, logins from known sources, reads of known resources,
        // and failed logins below the threshold. Timestamps advance 100 us per event; batches continue the clock.
        _batches = new SecurityEvent[64][];
        var n = 0;
        for (var b = 0; b < _batches.Length; b++)
        {
            var batch = new SecurityEvent[BatchSize];
            for (var i = 0; i < BatchSize; i++, n++)
            {
                var at = T0.AddTicks(n * 1_000L);
                var agent = $"agent-{n % 50}";
                batch[i] = (n % 10) switch
                {
                    0 or 1 or 2 => new SecurityEvent(SecurityEventTypes.ApiRequest.Type, SecuritySeverity.Info, at) { Actor = agent },
                    3 or 4 => new SecurityEvent(SecurityEventTypes.OrderSubmitted.Type, SecuritySeverity.Info, at) { Actor = agent },
                    5 or 6 => new SecurityEvent(SecurityEventTypes.OrderFilled.Type, SecuritySeverity.Info, at) { Actor = agent },
                    7 => new SecurityEvent(SecurityEventTypes.LoginSucceeded.Type, SecuritySeverity.Info, at) { Actor = agent, SourceAddress = "10.0.0.1", Outcome = SecurityOutcome.Success },
                    8 => new SecurityEvent(SecurityEventTypes.DataAccessed.Type, SecuritySeverity.Info, at) { Actor = agent, Resource = $"positions/{n % 5}" },
                    _ => new SecurityEvent(SecurityEventTypes.OrderCancelled.Type, SecuritySeverity.Info, at) { Actor = agent },
                };
            }

            _batches[b] = batch;
        }

        _unmatched = [.. Enumerable.Range(0, BatchSize).Select(i => new SecurityEvent(SecurityEventTypes.OrderFilled.Type, SecuritySeverity.Info, T0.AddTicks(i)) { Actor = "agent-1" })];

        _peer = new InMemorySlidingWindowCounterStore();
        // 5,000 accounts, events 1 ms apart: each key holds about 60 occurrences in its 5-minute window.
        _peerKeys = [.. Enumerable.Range(0, 5_000).Select(i => $"login-failures/user-{i}")];
    }

    /// <summary>Fresh ids and later timestamps for the next iteration, outside the measured region, so dedup does not short-circuit the work.</summary>
    [IterationSetup]
    public void NextIteration()
    {
        if (_next == 0)
        {
            return;
        }

        for (var b = 0; b < _batches.Length; b++)
        {
            for (var i = 0; i < BatchSize; i++)
            {
                var e = _batches[b][i];
                _batches[b][i] = new SecurityEvent(e.Type, e.Severity, e.Timestamp.AddSeconds(64)) { Actor = e.Actor, SourceAddress = e.SourceAddress, Resource = e.Resource, Outcome = e.Outcome };
            }
        }

        _next = 0;
        _alerts.Clear();
    }

    /// <summary>The default rule set over a realistic mix; reported per event.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int DefaultRules_MixedTraffic() => _engine.Process(_batches[_next++ % _batches.Length], _alerts);

    /// <summary>Events of a type no rule reads (one lookup each).</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int DefaultRules_UnmatchedType() => _engine.Process(_unmatched, _alerts);

    /// <summary>Peer: one sliding-window count per event through Core's counter store.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public long Peer_SlidingWindowCounterStore()
    {
        long total = 0;
        for (var i = 0; i < BatchSize; i++)
        {
#pragma warning disable CA2012 // The in-memory store completes synchronously.
            total += _peer.IncrementAsync(_peerKeys[i % _peerKeys.Length], T0.AddMilliseconds((double)_counter * BatchSize + i), TimeSpan.FromMinutes(5)).Result;
#pragma warning restore CA2012
        }

        _counter++;
        return total;
    }
}
