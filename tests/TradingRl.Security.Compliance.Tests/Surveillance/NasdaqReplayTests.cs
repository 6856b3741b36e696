using System.Globalization;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Compliance.Tests;

/// <summary>Replays the whole LOBSTER NASDAQ hour (AAPL, 21 June 2012, 91,997 events) through the detectors and checks the figures against counts computed here from the raw file, independently of the parser and the monitor.</summary>
public sealed class NasdaqReplayTests
{
    private const string File = "data/market/AAPL_2012-06-21_34200000_37800000_message_50.csv";
    private static readonly DateOnly Day = new(2012, 6, 21);
    private static readonly TimeSpan NewYork = TimeSpan.FromHours(-4);
    private static readonly Lazy<RawEvent[]> Raw = new(ReadRaw);
    private static readonly Lazy<MarketEvent[]> Parsed = new(() => [.. LobsterMessageParser.ReadFile(SharedData.Path(File), "AAPL", Day, NewYork)]);

    [Fact]
    public async Task Replay_WholeFile_MatchesIndependentCountsAndReadmeFigures()
    {
        var raw = Raw.Value;
        var n = new long[8];
        foreach (var r in raw)
        {
            n[r.Type]++;
        }

        // The README's figures for this file.
        Assert.Equal(91_997, raw.Length);
        Assert.Equal([0L, 44_256, 469, 41_004, 4_067, 2_201, 0, 0], n);

        await using var f = new SurveillanceFixture();
        foreach (var e in Parsed.Value)
        {
            f.Monitor.Observe(e);
        }

        var s = f.Monitor.GetStatistics();
        Assert.Equal(raw.Length, s.EventsObserved);
        Assert.Equal(n[1], s.OrdersAdded);
        Assert.Equal(n[2], s.PartialCancellations);
        Assert.Equal(n[3], s.FullCancellations);
        Assert.Equal(n[4] + n[5] + n[6], s.Executions);
        Assert.Equal(0, s.OutOfOrderEvents);

        var otr = (decimal)(n[1] + n[2] + n[3]) / (n[4] + n[5]);
        Assert.Equal(otr, s.OrderToTradeRatio);
        Assert.Equal(13.7m, Math.Round(s.OrderToTradeRatio!.Value, 1));

        var peak = PeakInWindow(raw.Select(r => r.Nanoseconds).ToArray(), 1_000_000_000);
        Assert.Equal(426, peak);
        Assert.Equal(peak, s.PeakEventsPerWindow);

        var (tracked, within1ms) = FleetingDeletions(raw, 1_000_000);
        Assert.Equal(2_260, within1ms);
        Assert.Equal(tracked, s.TrackedCancellations);
        Assert.Equal(within1ms, s.FleetingCancellations);

        // No account on public data: nothing can be pinned on anyone.
        Assert.Empty(f.Monitor.GetRecentAlerts());
        var last = Parsed.Value.Last(e => e.Kind == MarketEventKind.OrderExecuted);
        Assert.Empty(f.Monitor.CloseSession("AAPL", last.Price, last.Timestamp));
        Assert.Empty(await f.PublishedAlertsAsync());
    }

    [Fact]
    public async Task Replay_SixtySecondWindowAndTenMsFleeting_MatchReadme()
    {
        await using var f = new SurveillanceFixture(o =>
        {
            o.QuoteStuffingWindow = TimeSpan.FromSeconds(60);
            o.FleetingOrderThreshold = TimeSpan.FromMilliseconds(10);
        });
        foreach (var e in Parsed.Value)
        {
            f.Monitor.Observe(e);
        }

        var s = f.Monitor.GetStatistics();
        var peak = PeakInWindow(Raw.Value.Select(r => r.Nanoseconds).ToArray(), 60_000_000_000);
        Assert.Equal(3_782, peak);
        Assert.Equal(peak, s.PeakEventsPerWindow);
        var (_, within10ms) = FleetingDeletions(Raw.Value, 10_000_000);
        Assert.Equal(7_083, within10ms);
        Assert.Equal(within10ms, s.FleetingCancellations);
    }

    [Fact]
    public async Task Replay_AnonymousRateAlertsEnabled_MatchIndependentReplication()
    {
        const int maxMessages = 250;
        const int minOrders = 100;
        var collector = new ComplianceReportCollector(Microsoft.Extensions.Options.Options.Create(new ComplianceReportOptions()));
        static void Configure(SurveillanceOptions o)
        {
            o.AlertOnAnonymousFlow = true;
            o.MaxMessagesPerWindow = maxMessages;
            o.RatioMinOrders = minOrders;
            o.MaxOrderToTradeRatio = 13m;
            o.MaxCancelRatio = 0.9m;
        }

        await using var f = new SurveillanceFixture(Configure, collector);
        foreach (var e in Parsed.Value)
        {
            f.Monitor.Observe(e);
        }

        var raw = Raw.Value;
        var expectedStuffing = StuffingAlerts(raw, maxMessages, 1_000_000_000);
        Assert.Equal(20, expectedStuffing);

        // First points where the running ratios go beyond 13 messages per trade and 0.9 deletions per add.
        long adds = 0, messages = 0, deletions = 0, trades = 0;
        int? otrAt = null, cancelAt = null;
        for (var i = 0; i < raw.Length; i++)
        {
            switch (raw[i].Type)
            {
                case 1: adds++; messages++; break;
                case 2: messages++; break;
                case 3: deletions++; messages++; break;
                default: trades++; break;
            }

            if (adds >= minOrders)
            {
                otrAt ??= trades == 0 || messages > 13 * trades ? i : null;
                cancelAt ??= deletions * 10 > 9 * adds ? i : null;
            }
        }

        Assert.Equal(72_338, otrAt);
        Assert.Equal(31_046, cancelAt);
        var alerts = f.Monitor.GetRecentAlerts();
        Assert.Equal(expectedStuffing, alerts.Count(a => a.Kind == SurveillanceAlertKind.QuoteStuffing));
        Assert.Equal(Parsed.Value[otrAt!.Value].Timestamp, Assert.Single(alerts, a => a.Kind == SurveillanceAlertKind.ExcessiveOrderToTradeRatio).DetectedAt);
        Assert.Equal(Parsed.Value[cancelAt!.Value].Timestamp, Assert.Single(alerts, a => a.Kind == SurveillanceAlertKind.ExcessiveCancelRatio).DetectedAt);
        Assert.Equal(expectedStuffing + 2, (await f.PublishedAlertsAsync()).Count);

        var report = new ComplianceReportGenerator(collector, TimeProvider.System, surveillance: f.Monitor).Build(Day);
        Assert.Equal(expectedStuffing + 2, report.SurveillanceAlerts);
        Assert.Equal(
            [new ComplianceReportCount("quote_stuffing", expectedStuffing), new ComplianceReportCount("cancel_ratio", 1), new ComplianceReportCount("order_to_trade_ratio", 1)],
            report.SurveillanceAlertsByReason);
        Assert.Equal(raw.Length, report.Surveillance!.EventsObserved);
    }

    private static int PeakInWindow(long[] times, long window)
    {
        var best = 0;
        var start = 0;
        for (var i = 0; i < times.Length; i++)
        {
            while (times[start] <= times[i] - window)
            {
                start++;
            }

            best = Math.Max(best, i - start + 1);
        }

        return best;
    }

    private static (long Tracked, long Within) FleetingDeletions(RawEvent[] raw, long thresholdNs)
    {
        var added = new Dictionary<long, long>();
        long tracked = 0, within = 0;
        foreach (var r in raw)
        {
            if (r.Type == 1)
            {
                added[r.OrderId] = r.Nanoseconds;
            }
            else if (r.Type == 3 && added.Remove(r.OrderId, out var at))
            {
                tracked++;
                within += r.Nanoseconds - at <= thresholdNs ? 1 : 0;
            }
        }

        return (tracked, within);
    }

    private static int StuffingAlerts(RawEvent[] raw, int max, long windowNs)
    {
        var window = new Queue<long>();
        var armed = true;
        var alerts = 0;
        foreach (var r in raw)
        {
            if (r.Type is not (1 or 2 or 3))
            {
                continue;
            }

            while (window.Count > 0 && window.Peek() <= r.Nanoseconds - windowNs)
            {
                window.Dequeue();
            }

            window.Enqueue(r.Nanoseconds);
            if (window.Count <= max)
            {
                armed = true;
            }
            else if (armed)
            {
                alerts++;
                armed = false;
            }
        }

        return alerts;
    }

    private static RawEvent[] ReadRaw()
    {
        var list = new List<RawEvent>(92_000);
        foreach (var line in System.IO.File.ReadLines(SharedData.Path(File)))
        {
            var c = line.Split(',');
            var dot = c[0].IndexOf('.', StringComparison.Ordinal);
            var seconds = long.Parse(dot < 0 ? c[0] : c[0][..dot], CultureInfo.InvariantCulture);
            var fraction = dot < 0 ? "0" : c[0][(dot + 1)..];
            var ns = (seconds * 1_000_000_000) + long.Parse(fraction.PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
            list.Add(new RawEvent(ns, int.Parse(c[1], CultureInfo.InvariantCulture), long.Parse(c[2], CultureInfo.InvariantCulture)));
        }

        return [.. list];
    }

    private readonly record struct RawEvent(long Nanoseconds, int Type, long OrderId);
}
