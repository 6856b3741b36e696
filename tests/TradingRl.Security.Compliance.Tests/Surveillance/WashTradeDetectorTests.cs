namespace TradingRl.Security.Compliance.Tests;

public sealed class WashTradeDetectorTests
{
    private static void Owners(SurveillanceOptions o)
    {
        o.BeneficialOwners["acct-1"] = "owner-A";
        o.BeneficialOwners["acct-2"] = "owner-A";
        o.BeneficialOwners["acct-3"] = "owner-B";
    }

    [Fact]
    public async Task OnExecution_ContraAccountWithSameOwner_RaisesWashTradeWithOwner()
    {
        await using var f = new SurveillanceFixture(Owners);

        var raised = f.Execute(11, "acct-1", MarketSide.Buy, 100m, 300m, SurveillanceFixture.At(0), contra: "acct-2", aggressor: true);

        Assert.Equal(1, raised);
        var alert = Assert.Single(f.Monitor.GetRecentAlerts());
        Assert.Equal(SurveillanceAlertKind.WashTrade, alert.Kind);
        Assert.Equal("owner-A", alert.Owner);
        Assert.Equal(11, Assert.Single(alert.Evidence).OrderId);
        var published = Assert.Single(await f.PublishedAlertsAsync());
        Assert.Equal("wash_trade", published.GetProperty("reason"));
        Assert.Equal("owner-A", published.GetProperty("owner"));
        Assert.Equal("11", published.GetProperty("orders"));
        Assert.Equal(alert.Id, published.Id);
    }

    [Fact]
    public async Task OnExecution_ContraAccountWithOtherOwner_NoAlert()
    {
        await using var fixture = new SurveillanceFixture(Owners);
        var f = fixture.Monitor;
        var e = new MarketEvent { Kind = MarketEventKind.OrderExecuted, Timestamp = SurveillanceFixture.T0, Instrument = "XYZ", Side = MarketSide.Buy, OrderId = 1, Price = 100m, Quantity = 10m, Account = "acct-1", ContraAccount = "acct-3" };

        Assert.Equal(0, f.Observe(e));
    }

    [Fact]
    public async Task OnExecution_OwnerGivenOnEvent_OverridesMap()
    {
        await using var fixture = new SurveillanceFixture(Owners);
        var m = fixture.Monitor;
        var e = new MarketEvent { Kind = MarketEventKind.OrderExecuted, Timestamp = SurveillanceFixture.T0, Instrument = "XYZ", Side = MarketSide.Buy, OrderId = 1, Price = 100m, Quantity = 10m, Account = "acct-1", ContraAccount = "acct-3", ContraOwner = "owner-A" };

        Assert.Equal(1, m.Observe(e));
    }

    [Fact]
    public async Task OnExecution_BuyThenSellBySameOwnerAtWindowEdge_RaisesWithBothLegs()
    {
        await using var f = new SurveillanceFixture(Owners);

        Assert.Equal(0, f.Execute(1, "acct-1", MarketSide.Buy, 100m, 500m, SurveillanceFixture.At(0)));
        Assert.Equal(1, f.Execute(2, "acct-2", MarketSide.Sell, 100m, 500m, SurveillanceFixture.At(1.0)));

        var alert = Assert.Single(f.Monitor.GetRecentAlerts());
        Assert.Equal([1L, 2L], alert.Evidence.Select(e => e.OrderId));
        Assert.Equal(1000m, alert.Measures["ms_between_legs"]);
        Assert.Equal(0m, alert.Measures["same_account"]);
    }

    [Fact]
    public async Task OnExecution_SecondLegOneTickAfterWindow_NoAlert()
    {
        await using var fixture = new SurveillanceFixture(Owners);
        var f = fixture.Monitor;
        var first = new MarketEvent { Kind = MarketEventKind.OrderExecuted, Timestamp = SurveillanceFixture.T0, Instrument = "XYZ", Side = MarketSide.Buy, OrderId = 1, Price = 100m, Quantity = 500m, Account = "acct-1" };

        f.Observe(first);

        Assert.Equal(0, f.Observe(first with { Side = MarketSide.Sell, OrderId = 2, Account = "acct-2", Timestamp = SurveillanceFixture.T0.AddSeconds(1).AddTicks(1) }));
    }

    [Theory]
    [InlineData("100.10", 1)]
    [InlineData("100.11", 0)]
    public async Task OnExecution_PriceDifferenceAgainstTolerance_EqualAlertsBeyondPasses(string firstPrice, int expected)
    {
        await using var fixture = new SurveillanceFixture(o =>
        {
            Owners(o);
            o.WashTradePriceToleranceBps = 10m;
        });
        var f = fixture.Monitor;
        var first = new MarketEvent { Kind = MarketEventKind.OrderExecuted, Timestamp = SurveillanceFixture.T0, Instrument = "XYZ", Side = MarketSide.Buy, OrderId = 1, Price = decimal.Parse(firstPrice, System.Globalization.CultureInfo.InvariantCulture), Quantity = 500m, Account = "acct-1" };

        f.Observe(first);

        // 0.10 against 100.00 is exactly 10 bps: equal to the tolerance, so a wash trade.
        Assert.Equal(expected, f.Observe(first with { Side = MarketSide.Sell, OrderId = 2, Price = 100.00m, Timestamp = SurveillanceFixture.T0.AddMilliseconds(10) }));
    }

    [Fact]
    public async Task OnExecution_DifferentQuantityOrOwnerOrSameSide_NoAlert()
    {
        await using var fixture = new SurveillanceFixture(Owners);
        var f = fixture.Monitor;
        var first = new MarketEvent { Kind = MarketEventKind.OrderExecuted, Timestamp = SurveillanceFixture.T0, Instrument = "XYZ", Side = MarketSide.Buy, OrderId = 1, Price = 100m, Quantity = 500m, Account = "acct-1" };
        f.Observe(first);

        Assert.Equal(0, f.Observe(first with { Side = MarketSide.Sell, OrderId = 2, Quantity = 499m }));
        Assert.Equal(0, f.Observe(first with { Side = MarketSide.Sell, OrderId = 3, Account = "acct-3" }));
        Assert.Equal(0, f.Observe(first with { OrderId = 4 }));
        Assert.Equal(0, f.Observe(first with { Side = MarketSide.Sell, OrderId = 5, Instrument = "ABC" }));
    }

    [Fact]
    public async Task OnExecution_EachLegPairsOnce_ThirdLegNeedsItsOwnMatch()
    {
        await using var fixture = new SurveillanceFixture(Owners);
        var f = fixture.Monitor;
        var buy = new MarketEvent { Kind = MarketEventKind.OrderExecuted, Timestamp = SurveillanceFixture.T0, Instrument = "XYZ", Side = MarketSide.Buy, OrderId = 1, Price = 100m, Quantity = 500m, Account = "acct-1" };

        Assert.Equal(0, f.Observe(buy));
        Assert.Equal(1, f.Observe(buy with { Side = MarketSide.Sell, OrderId = 2 }));
        Assert.Equal(0, f.Observe(buy with { Side = MarketSide.Sell, OrderId = 3 }));
    }

    [Fact]
    public async Task OnExecution_AnonymousFlow_NeverAlerts()
    {
        await using var fixture = new SurveillanceFixture();
        var f = fixture.Monitor;
        var buy = new MarketEvent { Kind = MarketEventKind.OrderExecuted, Timestamp = SurveillanceFixture.T0, Instrument = "XYZ", Side = MarketSide.Buy, OrderId = 1, Price = 100m, Quantity = 500m };

        Assert.Equal(0, f.Observe(buy));
        Assert.Equal(0, f.Observe(buy with { Side = MarketSide.Sell, OrderId = 2 }));
    }
}
