namespace TradingRl.Security.Compliance.Tests;

public sealed class SpoofingDetectorTests
{
    private const string Spoofer = "spoofer";

    // Three 1,000-lot sell orders on three levels rest; a 100-lot buy executes at 1 s; the sells are cancelled after it.
    private static void Layers(SurveillanceFixture f)
    {
        f.Add(1, Spoofer, MarketSide.Sell, 101.00m, 1000m, SurveillanceFixture.At(0));
        f.Add(2, Spoofer, MarketSide.Sell, 101.01m, 1000m, SurveillanceFixture.At(0.1));
        f.Add(3, Spoofer, MarketSide.Sell, 101.02m, 1000m, SurveillanceFixture.At(0.2));
        f.Add(4, Spoofer, MarketSide.Buy, 100.00m, 100m, SurveillanceFixture.At(0.3));
        f.Execute(4, Spoofer, MarketSide.Buy, 100.00m, 100m, SurveillanceFixture.At(1));
    }

    [Fact]
    public async Task OnFullCancel_OppositeSideCancelsAfterExecution_RaisesSpoofingThenLayering()
    {
        await using var f = new SurveillanceFixture();
        Layers(f);

        Assert.Equal(1, f.Cancel(1, Spoofer, MarketSide.Sell, 101.00m, 1000m, SurveillanceFixture.At(1.5)));
        Assert.Equal(0, f.Cancel(2, Spoofer, MarketSide.Sell, 101.01m, 1000m, SurveillanceFixture.At(1.6)));
        Assert.Equal(1, f.Cancel(3, Spoofer, MarketSide.Sell, 101.02m, 1000m, SurveillanceFixture.At(1.7)));

        var alerts = f.Monitor.GetRecentAlerts();
        Assert.Equal([SurveillanceAlertKind.Spoofing, SurveillanceAlertKind.Layering], alerts.Select(a => a.Kind));
        var spoof = alerts[0];
        Assert.Equal(10m, spoof.Measures["cancelled_to_executed_ratio"]);
        Assert.Equal(500m, spoof.Measures["ms_after_execution"]);
        Assert.Equal([4L, 1L], spoof.Evidence.Select(e => e.OrderId));
        var layering = alerts[1];
        Assert.Equal(30m, layering.Measures["cancelled_to_executed_ratio"]);
        Assert.Equal(3m, layering.Measures["price_levels"]);
        Assert.Equal([4L, 1L, 2L, 3L], layering.Evidence.Select(e => e.OrderId));
        var published = await f.PublishedAlertsAsync();
        Assert.Equal(["spoofing", "layering"], published.Select(e => e.GetProperty("reason")));
        Assert.Equal("4,1,2,3", published[1].GetProperty("orders"));
        Assert.Equal(Spoofer, published[1].Actor);
    }

    [Theory]
    [InlineData(2.0, 1)]
    [InlineData(2.0000001, 0)]
    public async Task OnFullCancel_CancelAgainstWindowEnd_EqualCountsLaterDoesNot(double cancelAt, int expected)
    {
        await using var f = new SurveillanceFixture(o => o.SpoofingWindow = TimeSpan.FromSeconds(1));
        Layers(f);

        Assert.Equal(expected, f.Cancel(1, Spoofer, MarketSide.Sell, 101.00m, 1000m, SurveillanceFixture.At(cancelAt)));
    }

    [Theory]
    [InlineData("500", 1)]
    [InlineData("499", 0)]
    public async Task OnFullCancel_RatioAgainstMinimum_EqualAlertsBelowDoesNot(string cancelled, int expected)
    {
        await using var f = new SurveillanceFixture(o => o.SpoofingMinCancelledToExecutedRatio = 5m);
        var quantity = decimal.Parse(cancelled, System.Globalization.CultureInfo.InvariantCulture);
        f.Add(1, Spoofer, MarketSide.Sell, 101m, quantity, SurveillanceFixture.At(0));
        f.Execute(9, Spoofer, MarketSide.Buy, 100m, 100m, SurveillanceFixture.At(1));

        Assert.Equal(expected, f.Cancel(1, Spoofer, MarketSide.Sell, 101m, 0m, SurveillanceFixture.At(1.2)));
    }

    [Fact]
    public async Task OnFullCancel_OrderAddedAfterExecution_DoesNotCount()
    {
        await using var f = new SurveillanceFixture();
        f.Execute(9, Spoofer, MarketSide.Buy, 100m, 100m, SurveillanceFixture.At(1));
        f.Add(1, Spoofer, MarketSide.Sell, 101m, 5000m, SurveillanceFixture.At(1.1));

        Assert.Equal(0, f.Cancel(1, Spoofer, MarketSide.Sell, 101m, 5000m, SurveillanceFixture.At(1.2)));
    }

    [Fact]
    public async Task OnFullCancel_SameSideOrOtherAccountOrAnonymous_NoAlert()
    {
        await using var f = new SurveillanceFixture();
        f.Add(1, Spoofer, MarketSide.Buy, 99m, 5000m, SurveillanceFixture.At(0));
        f.Add(2, "other", MarketSide.Sell, 101m, 5000m, SurveillanceFixture.At(0));
        f.Add(3, null, MarketSide.Sell, 101m, 5000m, SurveillanceFixture.At(0));
        f.Execute(9, Spoofer, MarketSide.Buy, 100m, 100m, SurveillanceFixture.At(1));
        f.Execute(8, null, MarketSide.Buy, 100m, 100m, SurveillanceFixture.At(1));

        Assert.Equal(0, f.Cancel(1, Spoofer, MarketSide.Buy, 99m, 5000m, SurveillanceFixture.At(1.1)));
        Assert.Equal(0, f.Cancel(2, "other", MarketSide.Sell, 101m, 5000m, SurveillanceFixture.At(1.1)));
        Assert.Equal(0, f.Cancel(3, null, MarketSide.Sell, 101m, 5000m, SurveillanceFixture.At(1.1)));
    }

    [Fact]
    public async Task OnFullCancel_NoExecution_NoAlert()
    {
        await using var f = new SurveillanceFixture();
        f.Add(1, Spoofer, MarketSide.Sell, 101m, 5000m, SurveillanceFixture.At(0));

        Assert.Equal(0, f.Cancel(1, Spoofer, MarketSide.Sell, 101m, 5000m, SurveillanceFixture.At(1)));
    }

    [Fact]
    public async Task OnFullCancel_MinimumCancelledOrdersNotReached_WaitsForTheNext()
    {
        await using var f = new SurveillanceFixture(o => o.SpoofingMinCancelledOrders = 2);
        f.Add(1, Spoofer, MarketSide.Sell, 101m, 1000m, SurveillanceFixture.At(0));
        f.Add(2, Spoofer, MarketSide.Sell, 101m, 1000m, SurveillanceFixture.At(0));
        f.Execute(9, Spoofer, MarketSide.Buy, 100m, 100m, SurveillanceFixture.At(1));

        Assert.Equal(0, f.Cancel(1, Spoofer, MarketSide.Sell, 101m, 1000m, SurveillanceFixture.At(1.1)));
        Assert.Equal(1, f.Cancel(2, Spoofer, MarketSide.Sell, 101m, 1000m, SurveillanceFixture.At(1.2)));
        Assert.Equal(SurveillanceAlertKind.Spoofing, Assert.Single(f.Monitor.GetRecentAlerts()).Kind);
    }
}
