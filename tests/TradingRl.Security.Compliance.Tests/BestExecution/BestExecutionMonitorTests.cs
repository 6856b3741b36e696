using Microsoft.Extensions.Options;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Compliance.Tests;

public sealed class BestExecutionMonitorTests : IAsyncDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
    private readonly CollectingSecurityEventSubscriber _events = new();
    private readonly SecurityEventPipeline _pipeline;

    public BestExecutionMonitorTests()
    {
        _pipeline = new SecurityEventPipeline([_events], Options.Create(new SecurityEventPipelineOptions()));
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private BestExecutionMonitor Create(Action<BestExecutionOptions>? configure = null)
    {
        var options = new BestExecutionOptions();
        configure?.Invoke(options);
        return new BestExecutionMonitor(Options.Create(options), _pipeline);
    }

    private static FillRecord Fill(string id, string strategy, string instrument, string venue, MarketSide side, decimal quantity, decimal fill, decimal arrival, decimal fees = 0m) => new()
    {
        FillId = id,
        OrderId = "o-" + id,
        Strategy = strategy,
        Instrument = instrument,
        Venue = venue,
        Side = side,
        Quantity = quantity,
        FillPrice = fill,
        ArrivalPrice = arrival,
        Fees = fees,
        ExecutedAt = At,
    };

    // F1: A/AAPL/XNAS buy 100 @ 100.10 vs 100.00: 10 bps, shortfall 10, spread 20 bps.
    // F2: A/MSFT/ARCX sell 200 @ 49.95 vs 50.00, fees 1: 10 bps, shortfall 11, spread 20 bps.
    // F3: B/AAPL/ARCX buy 50 @ 101.00 vs 100.00: 100 bps (outlier), shortfall 50, spread 200 bps.
    private static void RecordThree(BestExecutionMonitor m)
    {
        m.Record(Fill("f1", "A", "AAPL", "XNAS", MarketSide.Buy, 100m, 100.10m, 100.00m));
        m.Record(Fill("f2", "A", "MSFT", "ARCX", MarketSide.Sell, 200m, 49.95m, 50.00m, fees: 1m));
        m.Record(Fill("f3", "B", "AAPL", "ARCX", MarketSide.Buy, 50m, 101.00m, 100.00m));
    }

    [Fact]
    public void GetStatistics_ThreeFills_AggregatesMatchHandComputedValues()
    {
        using var m = Create();
        RecordThree(m);

        var s = m.GetStatistics(DateOnly.FromDateTime(At.UtcDateTime));

        Assert.Equal(3, s.Total.Fills);
        Assert.Equal(1, s.Total.Outliers);
        Assert.Equal(25_000m, s.Total.ArrivalNotional);
        Assert.Equal(28m, s.Total.SlippageBps);
        Assert.Equal(71m, s.Total.ImplementationShortfall);
        Assert.Equal(28.4m, s.Total.ImplementationShortfallBps);
        Assert.Equal(80m, s.Total.MeanEffectiveSpreadBps);
        Assert.Equal(100m, s.Total.WorstSlippageBps);

        var a = Assert.Single(s.ByStrategy, x => x.Key == "A");
        Assert.Equal((2L, 0L, 300m, 10m, 10.5m, 20m), (a.Fills, a.Outliers, a.Quantity, a.SlippageBps, a.ImplementationShortfallBps, a.MeanEffectiveSpreadBps));
        var b = Assert.Single(s.ByStrategy, x => x.Key == "B");
        Assert.Equal((1L, 1L, 100m), (b.Fills, b.Outliers, b.SlippageBps));
        var aapl = Assert.Single(s.ByInstrument, x => x.Key == "AAPL");
        Assert.Equal((40m, 110m, 15_000m), (aapl.SlippageBps, aapl.MeanEffectiveSpreadBps, aapl.ArrivalNotional));
        var arcx = Assert.Single(s.ByVenue, x => x.Key == "ARCX");
        Assert.Equal(40m, arcx.SlippageBps);
        Assert.Equal(61m * 10_000m / 15_000m, arcx.ImplementationShortfallBps);
        Assert.Equal(["ARCX", "XNAS"], s.ByVenue.Select(v => v.Key));
        Assert.Equal(3, m.GetStatistics().Total.Fills);
        Assert.Equal(0, m.GetStatistics(new DateOnly(2000, 1, 1)).Total.Fills);
    }

    [Fact]
    public async Task Record_Outlier_PublishesViolationWithoutPrices()
    {
        using var m = Create();
        RecordThree(m);
        await _pipeline.FlushAsync();

        var e = Assert.Single(_events.OfType(SecurityEventTypes.ComplianceViolation.Type));
        Assert.Equal(BestExecutionMonitor.OutlierReason, e.GetProperty("reason"));
        Assert.Equal("f3", e.GetProperty("fill_id"));
        Assert.Equal("o-f3", e.GetProperty("order_id"));
        Assert.Equal("100", e.GetProperty("slippage_bps"));
        Assert.Equal("50", e.GetProperty("threshold_bps"));
        Assert.Equal("B", e.Actor);
        Assert.Equal(At, e.Timestamp);
        Assert.DoesNotContain(e.Properties.Values, v => v.Contains("101.00", StringComparison.Ordinal));
    }

    [Fact]
    public void Record_SameFillTwice_CountedOnce()
    {
        using var m = Create();
        var fill = Fill("f1", "A", "AAPL", "XNAS", MarketSide.Buy, 100m, 100.10m, 100.00m);

        Assert.Equal(10m, m.Record(fill).ArrivalSlippageBps);
        Assert.Equal(10m, m.Record(fill).ArrivalSlippageBps);

        Assert.Equal(1, m.GetStatistics().Total.Fills);
        Assert.Equal(1, m.GetStatistics().DuplicateFills);
    }

    [Fact]
    public void Record_MoreKeysThanLimit_PoolsUnderOther()
    {
        using var m = Create(o => o.MaxAggregateKeys = 2);
        for (var i = 0; i < 4; i++)
        {
            m.Record(Fill("f" + i, "S" + i, "X", "V", MarketSide.Buy, 1m, 10m, 10m));
        }

        Assert.Equal([("(other)", 2L), ("S0", 1L), ("S1", 1L)], m.GetStatistics().ByStrategy.Select(a => (a.Key, a.Fills)));
    }

    [Fact]
    public void Record_MalformedFill_ThrowsAndRecordsNothing()
    {
        using var m = Create();

        Assert.ThrowsAny<ArgumentException>(() => m.Record(Fill("f1", "A", "AAPL", "XNAS", MarketSide.Buy, 0m, 100m, 100m)));

        Assert.Equal(0, m.GetStatistics().Total.Fills);
    }

    [Fact]
    public async Task Record_PipelineClosed_CountsUnpublishedViolation()
    {
        using var m = Create();
        await _pipeline.StopAsync();

        m.Record(Fill("f3", "B", "AAPL", "ARCX", MarketSide.Buy, 50m, 101.00m, 100.00m));

        Assert.Equal(1, m.GetStatistics().UnpublishedViolations);
    }

    [Fact]
    public async Task Record_ConcurrentFills_EveryFillCounted()
    {
        using var m = Create();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                m.Record(Fill($"{t}-{i}", "A", "X", "V", MarketSide.Buy, 1m, 10m, 10m));
            }
        })));

        Assert.Equal(4_000, m.GetStatistics().Total.Fills);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<OptionsValidationException>(() => Create(o => o.OutlierThresholdBps = 0m));
        Assert.Throws<ArgumentNullException>(() => new BestExecutionMonitor(Options.Create(new BestExecutionOptions()), null!));
    }
}
