using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance;
using TradingRl.Security.Events;

namespace TradingRl.Security.Benchmarks.Surveillance;

/// <summary>Best-execution cost per fill: 1,000 USD/JPY fills built from the TrueFX quotes (arrival = mid of one quote, fill = the far touch of the next).</summary>
/// <remarks>Each invocation records the 1,000 fills into a fresh monitor; the baseline computes the same three figures inline, without aggregation.</remarks>
[MemoryDiagnoser]
public class BestExecutionBenchmarks
{
    private const int Fills = 999;
    private FillRecord[] _fills = [];
    private SecurityEventPipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        var quotes = File.ReadLines(SharedDataLocator.Path("data/market/truefx_usdjpy_ticks_2013-01-01.csv"))
            .Skip(1)
            .Select(l => l.Split(','))
            .Select(c => (Bid: decimal.Parse(c[1], CultureInfo.InvariantCulture), Ask: decimal.Parse(c[2], CultureInfo.InvariantCulture)))
            .ToArray();
        var at = new DateTimeOffset(2013, 1, 1, 22, 0, 0, TimeSpan.Zero);
        _fills = new FillRecord[Fills];
        for (var i = 0; i < Fills; i++)
        {
            var buy = i % 2 == 0;
            _fills[i] = new FillRecord
            {
                FillId = "fill-" + i.ToString(CultureInfo.InvariantCulture),
                Strategy = "rl-" + (i % 4).ToString(CultureInfo.InvariantCulture),
                Instrument = "USDJPY",
                Venue = i % 3 == 0 ? "EBS" : "REUTERS",
                Side = buy ? MarketSide.Buy : MarketSide.Sell,
                Quantity = 1_000_000m,
                FillPrice = buy ? quotes[i + 1].Ask : quotes[i + 1].Bid,
                ArrivalPrice = (quotes[i].Bid + quotes[i].Ask) / 2m,
                ExecutionMidPrice = (quotes[i + 1].Bid + quotes[i + 1].Ask) / 2m,
                ExecutedAt = at.AddSeconds(i),
            };
        }

        _pipeline = new SecurityEventPipeline([], Options.Create(new SecurityEventPipelineOptions { Capacity = 1_048_576 }));
    }

    [GlobalCleanup]
    public void Cleanup() => _pipeline.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Fills)]
    public decimal InlineFigures()
    {
        var sum = 0m;
        foreach (ref readonly var f in _fills.AsSpan())
        {
            var s = f.Side == MarketSide.Buy ? 1m : -1m;
            sum += s * (f.FillPrice - f.ArrivalPrice) * 10_000m / f.ArrivalPrice;
            sum += 2m * s * (f.FillPrice - f.ExecutionMidPrice!.Value);
            sum += s * (f.FillPrice - f.ArrivalPrice) * f.Quantity;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Fills)]
    public decimal MonitorRecord()
    {
        using var monitor = new BestExecutionMonitor(Options.Create(new BestExecutionOptions { OutlierThresholdBps = 100_000m }), _pipeline);
        var sum = 0m;
        foreach (ref readonly var f in _fills.AsSpan())
        {
            sum += monitor.Record(f).ArrivalSlippageBps;
        }

        return sum;
    }
}
