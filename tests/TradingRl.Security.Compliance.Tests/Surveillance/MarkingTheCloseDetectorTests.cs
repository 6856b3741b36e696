namespace TradingRl.Security.Compliance.Tests;

public sealed class MarkingTheCloseDetectorTests
{
    private const string Closer = "closer";
    private static readonly DateTimeOffset Close = new(2026, 12, 3, 21, 0, 0, TimeSpan.Zero);

    // Last trade before the 5-minute window at 100.00; in the window the closer buys 300 of 1,000 traded, aggressively.
    private static void Trade(SurveillanceFixture f, int closerLots = 3, MarketSide closerSide = MarketSide.Buy)
    {
        f.Execute(1, null, MarketSide.Sell, 100.00m, 100m, Close.AddMinutes(-6));
        f.Execute(2, null, MarketSide.Sell, 100.10m, 1000m - (closerLots * 100m), Close.AddMinutes(-4));
        for (var i = 0; i < closerLots; i++)
        {
            f.Execute(10 + i, Closer, closerSide, 100.20m + (i * 0.2m), 100m, Close.AddMinutes(-1).AddSeconds(i), aggressor: true);
        }
    }

    private static SurveillanceFixture Create() => new(o =>
    {
        o.MarkingTheCloseWindow = TimeSpan.FromMinutes(5);
        o.MarkingTheCloseMinPriceMoveBps = 50m;
        o.MarkingTheCloseMinVolumeShare = 0.2m;
    });

    [Fact]
    public async Task CloseSession_AggressiveBuyingMovesTheClose_RaisesWithShareAndMove()
    {
        await using var f = Create();
        Trade(f);

        var alerts = f.Monitor.CloseSession("XYZ", 100.60m, Close);

        var alert = Assert.Single(alerts);
        Assert.Equal(SurveillanceAlertKind.MarkingTheClose, alert.Kind);
        Assert.Equal(Closer, alert.Account);
        Assert.Equal(60m, alert.Measures["price_move_bps"]);
        Assert.Equal(0.3m, alert.Measures["volume_share"]);
        Assert.Equal([10L, 11L, 12L], alert.Evidence.Select(e => e.OrderId));
        Assert.Equal("marking_the_close", Assert.Single(await f.PublishedAlertsAsync()).GetProperty("reason"));
    }

    [Fact]
    public async Task CloseSession_ShareEqualToMinimum_Alerts()
    {
        await using var f = Create();
        Trade(f, closerLots: 2);

        Assert.Equal(0.2m, Assert.Single(f.Monitor.CloseSession("XYZ", 100.60m, Close)).Measures["volume_share"]);
    }

    [Fact]
    public async Task CloseSession_ShareBelowMinimum_NoAlert()
    {
        await using var f = Create();
        Trade(f, closerLots: 1);

        Assert.Empty(f.Monitor.CloseSession("XYZ", 100.60m, Close));
    }

    [Theory]
    [InlineData("100.50", 1)]
    [InlineData("100.49", 0)]
    public async Task CloseSession_MoveAgainstMinimum_EqualAlertsBelowDoesNot(string closingPrice, int expected)
    {
        await using var f = Create();
        Trade(f);

        Assert.Equal(expected, f.Monitor.CloseSession("XYZ", decimal.Parse(closingPrice, System.Globalization.CultureInfo.InvariantCulture), Close).Count);
    }

    [Fact]
    public async Task CloseSession_SellingIntoARise_NoAlert()
    {
        await using var f = Create();
        Trade(f, closerSide: MarketSide.Sell);

        Assert.Empty(f.Monitor.CloseSession("XYZ", 100.60m, Close));
    }

    [Fact]
    public async Task CloseSession_RestingOrderHitByContraAccount_AttributesAggressionToContra()
    {
        await using var f = Create();
        f.Execute(1, null, MarketSide.Sell, 100m, 100m, Close.AddMinutes(-6));
        f.Execute(2, "maker", MarketSide.Sell, 101m, 100m, Close.AddMinutes(-1), contra: Closer);

        var alert = Assert.Single(f.Monitor.CloseSession("XYZ", 101m, Close));

        Assert.Equal(Closer, alert.Account);
        Assert.Equal(1m, alert.Measures["volume_share"]);
    }

    [Fact]
    public async Task CloseSession_TwiceOrUnknownInstrument_SecondFindsNothing()
    {
        await using var f = Create();
        Trade(f);

        Assert.Single(f.Monitor.CloseSession("XYZ", 100.60m, Close));
        Assert.Empty(f.Monitor.CloseSession("XYZ", 100.60m, Close));
        Assert.Empty(f.Monitor.CloseSession("NOPE", 100.60m, Close));
    }

    [Fact]
    public async Task CloseSession_BadArguments_Throw()
    {
        await using var f = Create();

        Assert.Throws<ArgumentException>(() => f.Monitor.CloseSession(string.Empty, 1m, Close));
        Assert.Throws<ArgumentNullException>(() => f.Monitor.CloseSession(null!, 1m, Close));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Monitor.CloseSession("XYZ", 0m, Close));
    }
}
