using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests;

public sealed class ComplianceReportCollectorTests
{
    private static ComplianceReportCollector Create(Action<ComplianceReportOptions>? configure = null)
    {
        var options = new ComplianceReportOptions();
        configure?.Invoke(options);
        return new ComplianceReportCollector(Options.Create(options));
    }

    [Fact]
    public async Task HandleAsync_RedeliveredBatch_CountsEachEventOnce()
    {
        var collector = Create();
        var events = RecordedEventStream.Build().ToArray();

        await collector.HandleAsync(events, CancellationToken.None);
        await collector.HandleAsync(events.AsMemory(0, 3), CancellationToken.None);

        var tally = collector.Snapshot(RecordedEventStream.Day);
        Assert.Equal(events.Length - 1, tally.Events);
        Assert.Equal(5, tally.ByType[SecurityEventTypes.OrderSubmitted.Type]);
        Assert.Equal(2, tally.ByTypeAndReason[SecurityEventTypes.OrderDenied.Type]["order_rate_limit"]);
        Assert.Equal(9, tally.Details.Count);
        Assert.Equal(1, collector.Snapshot(RecordedEventStream.Day.AddDays(1)).Events);
    }

    [Fact]
    public void Add_EventOutsideRetention_IgnoredAndCounted()
    {
        var collector = Create(o => o.RetainedDays = 2);
        Assert.True(collector.Add(RecordedEventStream.Event(SecurityEventTypes.OrderDenied, 60 * 24 * 5, "x")));

        Assert.False(collector.Add(RecordedEventStream.Event(SecurityEventTypes.OrderDenied, 0, "x")));
        Assert.True(collector.Add(RecordedEventStream.Event(SecurityEventTypes.OrderDenied, 60 * 24 * 4, "x")));

        Assert.Equal(1, collector.EventsOutsideRetention);
    }

    [Fact]
    public void Add_NewerDayBeyondRetention_DropsOldestDays()
    {
        var collector = Create(o => o.RetainedDays = 2);
        collector.Add(RecordedEventStream.Event(SecurityEventTypes.OrderDenied, 0, "x"));

        collector.Add(RecordedEventStream.Event(SecurityEventTypes.OrderDenied, 60 * 24 * 2, "x"));

        Assert.Equal(0, collector.Snapshot(RecordedEventStream.Day).Events);
    }

    [Fact]
    public void Add_MoreReasonsThanLimit_PoolsUnderOther()
    {
        var collector = Create(o => o.MaxReasonsPerType = 2);
        foreach (var reason in new[] { "a", "b", "c", "d", "a" })
        {
            collector.Add(RecordedEventStream.Event(SecurityEventTypes.OrderDenied, 0, reason));
        }

        var reasons = collector.Snapshot(RecordedEventStream.Day).ByTypeAndReason[SecurityEventTypes.OrderDenied.Type];
        Assert.Equal(new Dictionary<string, long> { ["a"] = 2, ["b"] = 1, ["(other)"] = 2 }, reasons);
    }

    [Fact]
    public void Add_MoreNotableEventsThanLimit_CountsTheRest()
    {
        var collector = Create(o => o.MaxDetailedEventsPerDay = 1);
        collector.Add(RecordedEventStream.Event(SecurityEventTypes.SurveillanceAlert, 0, "spoofing"));
        collector.Add(RecordedEventStream.Event(SecurityEventTypes.SurveillanceAlert, 1, "spoofing"));

        var tally = collector.Snapshot(RecordedEventStream.Day);
        Assert.Single(tally.Details);
        Assert.Equal(1, tally.DetailsDropped);
    }

    [Fact]
    public void AddCounter_BadArguments_Throw()
    {
        var collector = Create();

        Assert.Throws<ArgumentNullException>(() => collector.AddCounter(RecordedEventStream.Day, null!, 1));
        Assert.Throws<ArgumentException>(() => collector.AddCounter(RecordedEventStream.Day, string.Empty, 1));
        Assert.Throws<ArgumentException>(() => collector.AddCounter(RecordedEventStream.Day, "Orders Checked", 1));
        Assert.Throws<ArgumentException>(() => collector.AddCounter(RecordedEventStream.Day, new string('a', 65), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => collector.AddCounter(RecordedEventStream.Day, "orders_checked", -1));
        Assert.Throws<ArgumentNullException>(() => collector.Add(null!));
    }

    [Fact]
    public async Task HandleAsync_ConcurrentBatches_CountEveryEvent()
    {
        var collector = Create();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await collector.HandleAsync(new[] { RecordedEventStream.Event(SecurityEventTypes.OrderSubmitted, i % 60) }, CancellationToken.None);
            }
        })));

        Assert.Equal(2_000, collector.Snapshot(RecordedEventStream.Day).Events);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<OptionsValidationException>(() => Create(o => o.RetainedDays = 0));
        Assert.Throws<ArgumentNullException>(() => new ComplianceReportCollector(null!));
    }
}
