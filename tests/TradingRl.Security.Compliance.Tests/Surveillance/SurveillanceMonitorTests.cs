using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests;

public sealed class SurveillanceMonitorTests
{
    private static MarketEvent Valid => new()
    {
        Kind = MarketEventKind.OrderAdded,
        Timestamp = SurveillanceFixture.T0,
        Instrument = "XYZ",
        Side = MarketSide.Buy,
        OrderId = 1,
        Price = 10m,
        Quantity = 5m,
        Account = "agent-1",
    };

    public static TheoryData<string> Malformed => ["no instrument", "long instrument", "kind", "side", "negative price", "negative quantity", "zero add", "zero execution", "unpriced execution", "empty account", "long owner"];

    private static MarketEvent Make(string name) => name switch
    {
        "no instrument" => Valid with { Instrument = string.Empty },
        "long instrument" => Valid with { Instrument = new string('x', MarketEvent.MaxIdentifierLength + 1) },
        "kind" => Valid with { Kind = (MarketEventKind)99 },
        "side" => Valid with { Side = (MarketSide)7 },
        "negative price" => Valid with { Price = -1m },
        "negative quantity" => Valid with { Quantity = -1m },
        "zero add" => Valid with { Quantity = 0m },
        "zero execution" => Valid with { Kind = MarketEventKind.OrderExecuted, Quantity = 0m },
        "unpriced execution" => Valid with { Kind = MarketEventKind.OrderExecuted, Price = 0m },
        "empty account" => Valid with { Account = string.Empty },
        _ => Valid with { Owner = new string('o', 10_000) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Observe_MalformedEvent_ThrowsAndRecordsNothing(string name)
    {
        await using var f = new SurveillanceFixture();

        Assert.ThrowsAny<ArgumentException>(() => f.Monitor.Observe(Make(name)));

        Assert.Equal(0, f.Monitor.GetStatistics().EventsObserved);
    }

    [Fact]
    public async Task Observe_NullInstrument_Throws()
    {
        await using var f = new SurveillanceFixture();

        Assert.ThrowsAny<ArgumentException>(() => f.Monitor.Observe(Valid with { Instrument = null! }));
    }

    [Fact]
    public async Task GetStatistics_MixedStream_CountsKindsRatiosAndFleeting()
    {
        await using var f = new SurveillanceFixture(o => o.FleetingOrderThreshold = TimeSpan.FromMilliseconds(1));
        f.Add(1, "a", MarketSide.Buy, 10m, 5m, SurveillanceFixture.At(0));
        f.Add(2, "a", MarketSide.Buy, 10m, 5m, SurveillanceFixture.At(0));
        f.Add(3, "a", MarketSide.Sell, 11m, 5m, SurveillanceFixture.At(0));
        f.Monitor.Observe(Valid with { Kind = MarketEventKind.OrderModified, OrderId = 3, Price = 12m, Quantity = 4m, Timestamp = SurveillanceFixture.At(0.0005) });
        f.Monitor.Observe(Valid with { Kind = MarketEventKind.OrderPartiallyCancelled, OrderId = 2, Quantity = 1m, Timestamp = SurveillanceFixture.At(0.0006) });
        f.Cancel(1, "a", MarketSide.Buy, 10m, 5m, SurveillanceFixture.At(0.001));
        f.Cancel(2, "a", MarketSide.Buy, 10m, 4m, SurveillanceFixture.At(0.0010001));
        f.Execute(3, "a", MarketSide.Sell, 12m, 4m, SurveillanceFixture.At(2));
        f.Cancel(99, "a", MarketSide.Sell, 12m, 4m, SurveillanceFixture.At(3));

        var s = f.Monitor.GetStatistics();

        Assert.Equal(9, s.EventsObserved);
        Assert.Equal(3, s.OrdersAdded);
        Assert.Equal(1, s.OrdersModified);
        Assert.Equal(1, s.PartialCancellations);
        Assert.Equal(3, s.FullCancellations);
        Assert.Equal(1, s.Executions);
        Assert.Equal(8m, s.OrderToTradeRatio);
        Assert.Equal(1m, s.CancelRatio);
        Assert.Equal(2, s.TrackedCancellations);
        Assert.Equal(1, s.FleetingCancellations);
        Assert.Equal(7, s.PeakEventsPerWindow);
        Assert.Equal(9, f.Monitor.GetStatistics(DateOnly.FromDateTime(SurveillanceFixture.T0.UtcDateTime)).EventsObserved);
        Assert.Equal(0, f.Monitor.GetStatistics(new DateOnly(2000, 1, 1)).EventsObserved);
    }

    [Fact]
    public async Task Observe_EventOlderThanLatest_CountedAsOutOfOrderAndTreatedAsLatest()
    {
        await using var f = new SurveillanceFixture();
        f.Add(1, "a", MarketSide.Buy, 10m, 5m, SurveillanceFixture.At(10));
        f.Add(2, "a", MarketSide.Buy, 10m, 5m, SurveillanceFixture.At(5));

        Assert.Equal(1, f.Monitor.GetStatistics().OutOfOrderEvents);
        Assert.Equal(2, f.Monitor.GetStatistics().PeakEventsPerWindow);
    }

    [Fact]
    public async Task Observe_ConcurrentFeeds_CountEveryEvent()
    {
        await using var f = new SurveillanceFixture(o => o.MaxMessagesPerWindow = 100_000);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 2_500; i++)
            {
                f.Add((t * 10_000) + i + 1, "agent-" + t, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(i * 0.001));
            }
        })));

        Assert.Equal(10_000, f.Monitor.GetStatistics().OrdersAdded);
    }

    [Fact]
    public async Task Observe_MorePairsThanTracked_CountsUnmonitoredEvents()
    {
        await using var f = new SurveillanceFixture(o => o.MaxTrackedKeys = 10);
        for (var i = 0; i < 12; i++)
        {
            f.Add(i + 1, "agent-" + i, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0));
        }

        Assert.Equal(2, f.Monitor.GetStatistics().UnmonitoredEvents);
    }

    [Fact]
    public async Task GetRecentAlerts_MoreThanCapacity_KeepsNewest()
    {
        await using var f = new SurveillanceFixture(o =>
        {
            o.MaxRecentAlerts = 2;
            o.RatioMinOrders = 1;
        });
        for (var i = 0; i < 3; i++)
        {
            f.Add(i + 1, "agent-" + i, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(i));
        }

        Assert.Equal(["agent-1", "agent-2"], f.Monitor.GetRecentAlerts().Select(a => a.Account));
        Assert.Equal(3, f.Monitor.GetStatistics().AlertsByReason["order_to_trade_ratio"]);
    }

    [Fact]
    public async Task Observe_AlertEvent_CarriesIdentifiersAndRatiosButNoPrices()
    {
        await using var f = new SurveillanceFixture(o => o.RatioMinOrders = 1);
        f.Add(777, "agent-1", MarketSide.Buy, 123.4567m, 98_765m, SurveillanceFixture.At(0));

        var e = Assert.Single(await f.PublishedAlertsAsync());

        Assert.Equal(SecuritySeverity.Medium, e.Severity);
        Assert.Equal("instrument/XYZ", e.Resource);
        Assert.Equal("777", e.GetProperty("orders"));
        Assert.DoesNotContain(e.Properties.Values, v => v.Contains("123.4567", StringComparison.Ordinal) || v.Contains("98765", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Observe_PipelineClosed_AlertKeptAndCountedNotThrown()
    {
        await using var f = new SurveillanceFixture(o => o.RatioMinOrders = 1);
        await f.Pipeline.StopAsync();

        Assert.Equal(1, f.Add(1, "agent-1", MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0)));

        Assert.Single(f.Monitor.GetRecentAlerts());
        Assert.Equal(1, f.Monitor.GetStatistics().UnpublishedAlerts);
    }

    [Fact]
    public async Task Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        await using var pipeline = new SecurityEventPipeline([], Options.Create(new SecurityEventPipelineOptions()));

        var ex = Assert.Throws<OptionsValidationException>(() => new SurveillanceMonitor(Options.Create(new SurveillanceOptions { MaxMessagesPerWindow = 0 }), pipeline));

        Assert.Contains(nameof(SurveillanceOptions.MaxMessagesPerWindow), ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new SurveillanceMonitor(null!, pipeline));
        Assert.Throws<ArgumentNullException>(() => new SurveillanceMonitor(Options.Create(new SurveillanceOptions()), null!));
    }

    [Fact]
    public async Task Observe_SteadyStateWithoutAlerts_AllocatesNothing()
    {
        await using var f = new SurveillanceFixture();
        var t = 0;
        void Cycle(int rounds)
        {
            for (var i = 0; i < rounds; i++)
            {
                var id = (i % 50) + 1;
                f.Add(id, "agent-1", MarketSide.Buy, 10m, 2m, SurveillanceFixture.At(t++ * 0.1));
                f.Execute(id, "agent-1", MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(t++ * 0.1));
                f.Cancel(id, "agent-1", MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(t++ * 0.1));
            }
        }

        // Warm up past the 5-minute close window so every table has reached its steady size.
        Cycle(2_000);
        var alertsBefore = f.Monitor.GetRecentAlerts().Count;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(1_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(alertsBefore, f.Monitor.GetRecentAlerts().Count);
        Assert.Equal(0, allocated);
    }
}
