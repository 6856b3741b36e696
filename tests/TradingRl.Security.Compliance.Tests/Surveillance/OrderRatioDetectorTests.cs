namespace TradingRl.Security.Compliance.Tests;

public sealed class OrderRatioDetectorTests
{
    private const string Agent = "agent-1";

    [Fact]
    public async Task Evaluate_OrderToTradeRatioEqualToMaximum_PassesOneMoreAlerts()
    {
        await using var f = new SurveillanceFixture(o =>
        {
            o.RatioMinOrders = 10;
            o.MaxOrderToTradeRatio = 5m;
        });
        f.Execute(100, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0));
        f.Execute(101, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0));
        for (var i = 1; i <= 10; i++)
        {
            // 10 messages for 2 executions is exactly 5: not beyond the maximum.
            Assert.Equal(0, f.Add(i, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(i)));
        }

        Assert.Equal(1, f.Add(11, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(11)));
        Assert.Equal(0, f.Add(12, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(12)));

        var alert = Assert.Single(f.Monitor.GetRecentAlerts());
        Assert.Equal(SurveillanceAlertKind.ExcessiveOrderToTradeRatio, alert.Kind);
        Assert.Equal(11m, alert.Measures["order_messages"]);
        Assert.Equal(2m, alert.Measures["executions"]);
        Assert.Equal(5.5m, alert.Measures["order_to_trade_ratio"]);
        Assert.Equal("order_to_trade_ratio", Assert.Single(await f.PublishedAlertsAsync()).GetProperty("reason"));
    }

    [Fact]
    public async Task Evaluate_NoExecutionsAtMinimumOrders_Alerts()
    {
        await using var f = new SurveillanceFixture(o => o.RatioMinOrders = 3);

        Assert.Equal(0, f.Add(1, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(1)));
        Assert.Equal(0, f.Add(2, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(2)));
        Assert.Equal(1, f.Add(3, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(3)));
        Assert.False(Assert.Single(f.Monitor.GetRecentAlerts()).Measures.ContainsKey("order_to_trade_ratio"));
    }

    [Fact]
    public async Task Evaluate_CancelRatioEqualToMaximum_PassesOneMoreAlerts()
    {
        await using var f = new SurveillanceFixture(o =>
        {
            o.RatioMinOrders = 10;
            o.MaxOrderToTradeRatio = 1000m;
            o.MaxCancelRatio = 0.5m;
        });
        f.Execute(100, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0));
        for (var i = 1; i <= 10; i++)
        {
            f.Add(i, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(i));
        }

        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(0, f.Cancel(i, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(20 + i)));
        }

        Assert.Equal(1, f.Cancel(6, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(30)));
        var alert = Assert.Single(f.Monitor.GetRecentAlerts());
        Assert.Equal(SurveillanceAlertKind.ExcessiveCancelRatio, alert.Kind);
        Assert.Equal(0.6m, alert.Measures["cancel_ratio"]);
    }

    [Fact]
    public async Task Evaluate_NextUtcDay_CountsRestartAndCanAlertAgain()
    {
        await using var f = new SurveillanceFixture(o => o.RatioMinOrders = 2);
        f.Add(1, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0));
        Assert.Equal(1, f.Add(2, Agent, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(1)));

        var tomorrow = SurveillanceFixture.T0.AddDays(1);
        Assert.Equal(0, f.Add(3, Agent, MarketSide.Buy, 10m, 1m, tomorrow));
        Assert.Equal(1, f.Add(4, Agent, MarketSide.Buy, 10m, 1m, tomorrow.AddSeconds(1)));
    }

    [Fact]
    public async Task Evaluate_AnonymousFlow_AlertsOnlyWhenEnabled()
    {
        await using var off = new SurveillanceFixture(o => o.RatioMinOrders = 1);
        await using var on = new SurveillanceFixture(o =>
        {
            o.RatioMinOrders = 1;
            o.AlertOnAnonymousFlow = true;
        });

        Assert.Equal(0, off.Add(1, null, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0)));
        Assert.Equal(1, on.Add(1, null, MarketSide.Buy, 10m, 1m, SurveillanceFixture.At(0)));
        Assert.Null(Assert.Single(on.Monitor.GetRecentAlerts()).Account);
    }
}
