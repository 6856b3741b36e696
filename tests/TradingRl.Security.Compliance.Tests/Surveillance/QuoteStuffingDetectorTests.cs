namespace TradingRl.Security.Compliance.Tests;

public sealed class QuoteStuffingDetectorTests
{
    private const string Agent = "agent-1";

    private static SurveillanceFixture Create() => new(o =>
    {
        o.MaxMessagesPerWindow = 5;
        o.QuoteStuffingWindow = TimeSpan.FromSeconds(1);
        o.RatioMinOrders = 1_000_000;
    });

    [Fact]
    public async Task OnMessage_MaximumInWindowPasses_OneMoreAlertsOncePerBurst()
    {
        await using var f = Create();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, f.Add(i + 1, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(i * 0.1)));
        }

        Assert.Equal(1, f.Add(6, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0.5)));
        Assert.Equal(0, f.Cancel(6, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0.6)));

        var alert = Assert.Single(f.Monitor.GetRecentAlerts());
        Assert.Equal(SurveillanceAlertKind.QuoteStuffing, alert.Kind);
        Assert.Equal(6m, alert.Measures["messages_in_window"]);
        Assert.Equal("quote_stuffing", Assert.Single(await f.PublishedAlertsAsync()).GetProperty("reason"));
    }

    [Fact]
    public async Task OnMessage_MessageExactlyOneWindowLater_OldestFallsOut()
    {
        await using var f = Create();
        for (var i = 0; i < 5; i++)
        {
            f.Add(i + 1, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0));
        }

        // The window ending at 1.0 s holds (0 s, 1.0 s]: the five messages at 0 s are out.
        Assert.Equal(0, f.Add(6, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(1.0)));
        Assert.Empty(f.Monitor.GetRecentAlerts());
    }

    [Fact]
    public async Task OnMessage_SecondBurstAfterQuiet_AlertsAgain()
    {
        await using var f = Create();
        var id = 0L;
        for (var i = 0; i < 6; i++)
        {
            f.Add(++id, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(i * 0.01));
        }

        f.Add(++id, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(5));
        for (var i = 0; i < 6; i++)
        {
            f.Add(++id, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(10 + (i * 0.01)));
        }

        Assert.Equal(2, f.Monitor.GetRecentAlerts().Count(a => a.Kind == SurveillanceAlertKind.QuoteStuffing));
    }

    [Fact]
    public async Task OnMessage_ExecutionsAndOtherAccounts_DoNotCount()
    {
        await using var f = Create();
        for (var i = 0; i < 5; i++)
        {
            f.Add(i + 1, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0));
            f.Add(i + 100, "agent-2", MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0));
            f.Execute(i + 1, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0));
        }

        Assert.Empty(f.Monitor.GetRecentAlerts());
    }
}
