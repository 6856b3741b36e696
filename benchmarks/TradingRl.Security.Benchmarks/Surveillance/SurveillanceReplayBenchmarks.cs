using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance;
using TradingRl.Security.Events;

namespace TradingRl.Security.Benchmarks.Surveillance;

/// <summary>Surveillance detector throughput on the LOBSTER NASDAQ hour (AAPL, 21 June 2012, 91,997 events), per event.</summary>
/// <remarks>
/// Each invocation replays the whole file into a fresh monitor, so the figures include the growth of its tables (open
/// orders, pairs). <c>MarketFlow</c> is the file as published (anonymous); <c>AgentFlow</c> gives every order one of 64
/// synthetic accounts (and the contra of each trade another), so the wash-trade, spoofing and close detectors run too.
/// The baseline is a minimal counter (event kinds and a 1-second peak): no open-source surveillance engine exists to
/// run beside it.
/// </remarks>
[MemoryDiagnoser]
public class SurveillanceReplayBenchmarks
{
    private const int Events = 91_997;
    private MarketEvent[] _market = [];
    private MarketEvent[] _agents = [];
    private SecurityEventPipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = SharedDataLocator.Path("data/market/AAPL_2012-06-21_34200000_37800000_message_50.csv");
        _market = [.. LobsterMessageParser.ReadFile(path, "AAPL", new DateOnly(2012, 6, 21), TimeSpan.FromHours(-4))];
        if (_market.Length != Events)
        {
            throw new InvalidOperationException($"Expected {Events} events, read {_market.Length}.");
        }

        var accounts = Enumerable.Range(0, 64).Select(i => "agent-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        _agents = [.. _market.Select(e => e with
        {
            Account = accounts[(int)(e.OrderId % 64)],
            ContraAccount = e.Kind == MarketEventKind.OrderExecuted ? accounts[(int)((e.OrderId / 64) % 64)] : null,
        })];
        _pipeline = new SecurityEventPipeline([], Options.Create(new SecurityEventPipelineOptions { Capacity = 1_048_576 }));
    }

    [GlobalCleanup]
    public void Cleanup() => _pipeline.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int MinimalCounter()
    {
        var counts = new int[5];
        var window = new Queue<long>();
        var peak = 0;
        foreach (ref readonly var e in _market.AsSpan())
        {
            counts[(int)e.Kind]++;
            var t = e.Timestamp.UtcTicks;
            while (window.Count > 0 && window.Peek() <= t - TimeSpan.TicksPerSecond)
            {
                window.Dequeue();
            }

            window.Enqueue(t);
            peak = Math.Max(peak, window.Count);
        }

        return peak + counts[0];
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long MarketFlow() => Replay(_market);

    [Benchmark(OperationsPerInvoke = Events)]
    public long AgentFlow() => Replay(_agents);

    private long Replay(MarketEvent[] events)
    {
        using var monitor = new SurveillanceMonitor(Options.Create(new SurveillanceOptions()), _pipeline);
        long alerts = 0;
        foreach (ref readonly var e in events.AsSpan())
        {
            alerts += monitor.Observe(e);
        }

        return alerts;
    }
}
