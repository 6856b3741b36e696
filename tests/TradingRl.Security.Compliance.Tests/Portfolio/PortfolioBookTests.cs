using TradingRl.Security.Compliance;
using static TradingRl.Security.Compliance.Tests.RiskFixture;

namespace TradingRl.Security.Compliance.Tests.Portfolio;

public sealed class PortfolioBookTests
{
    [Fact]
    public void OnFill_BuySellCycles_GiveExactFifoPnl()
    {
        using var f = new RiskFixture().WithDefaults();
        void Fill(OrderSide side, decimal quantity, decimal price) =>
            f.Gate.OnFill(new Fill("acct-1", "AAPL", side, quantity, price));

        // Buy 100 @ 10.10, buy 50 @ 10.40, sell 120 @ 10.25:
        //   100 x (10.25 - 10.10) = 15.00 and 20 x (10.25 - 10.40) = -3.00 -> realised 12.00; 30 left @ 10.40 (cost 312.00).
        Fill(OrderSide.Buy, 100m, 10.10m);
        Fill(OrderSide.Buy, 50m, 10.40m);
        Assert.Equal(12.00m, f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Sell, 120m, 10.25m)));
        var p = f.Book.GetPosition("acct-1", "AAPL");
        Assert.Equal(30m, p.Quantity);
        Assert.Equal(312.00m, p.CostBasis);
        Assert.Equal(12.00m, p.RealisedPnl);

        // Mark 10.50: unrealised 30 x (10.50 - 10.40) = 3.00.
        f.Quote("AAPL", 10.49m, 10.51m);
        Assert.Equal(3.00m, f.Book.GetPosition("acct-1", "AAPL").UnrealisedPnl);

        // Sell 50 @ 10.60 closes 30 (+6.00) and opens a 20 short @ 10.60; buy 20 @ 10.55 closes it (+1.00).
        Fill(OrderSide.Sell, 50m, 10.60m);
        p = f.Book.GetPosition("acct-1", "AAPL");
        Assert.Equal(-20m, p.Quantity);
        Assert.Equal(212.00m, p.CostBasis);
        Assert.Equal(18.00m, p.RealisedPnl);
        Assert.Equal(-20m * (10.50m - 10.60m), p.UnrealisedPnl);
        Fill(OrderSide.Buy, 20m, 10.55m);
        p = f.Book.GetPosition("acct-1", "AAPL");
        Assert.Equal(0m, p.Quantity);
        Assert.Equal(0m, p.CostBasis);
        Assert.Equal(19.00m, p.RealisedPnl);
        Assert.Equal(0m, p.UnrealisedPnl);
    }

    [Fact]
    public void OnFill_ThousandRoundTripsOfDecimalCents_StayExact()
    {
        // In binary floating point 0.1 and 0.2 are inexact and 1,000 round trips drift; decimal gives exactly 100.00.
        using var f = new RiskFixture().WithDefaults();
        for (var i = 0; i < 1000; i++)
        {
            f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 1m, 0.10m));
            f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Sell, 1m, 0.20m));
        }

        Assert.Equal(100.00m, f.Book.GetAccount("acct-1").RealisedPnl);
        Assert.Equal(0m, f.Book.GetPosition("acct-1", "AAPL").Quantity);
    }

    [Fact]
    public void OnFill_Multiplier_ScalesPnl()
    {
        using var f = new RiskFixture();
        f.Book.DefineInstrument(new Instrument("ES", "USD", 0.25m, 1m) { Multiplier = 50m, DailyVolatility = 0.01m });
        f.Book.DefineAccount(new TradingAccount("acct-1", 10_000_000m));
        f.Gate.OnFill(new Fill("acct-1", "ES", OrderSide.Buy, 2m, 5000.25m));

        Assert.Equal(2m * 1.50m * 50m, f.Gate.OnFill(new Fill("acct-1", "ES", OrderSide.Sell, 2m, 5001.75m)));
    }

    [Fact]
    public void GetAccount_DailyPnlIsRealisedPlusTodaysUnrealisedAgainstStartOfDayNav()
    {
        using var f = new RiskFixture().WithDefaults();
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 100m, 100.00m));
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Sell, 40m, 101.00m));
        f.Quote("AAPL", 101.99m, 102.01m);

        var a = f.Book.GetAccount("acct-1");
        Assert.Equal(40.00m, a.RealisedPnl);
        Assert.Equal(120.00m, a.UnrealisedPnl);
        Assert.Equal(160.00m, a.DailyPnl);
        Assert.Equal(1_000_160.00m, a.Nav);

        // A new day re-bases: realised and unrealised start again from zero at the current marks.
        f.Book.BeginDay("acct-1", 1_000_160.00m);
        a = f.Book.GetAccount("acct-1");
        Assert.Equal(0m, a.RealisedPnl);
        Assert.Equal(0m, a.UnrealisedPnl);
        Assert.Equal(1_000_160.00m, a.StartOfDayNav);
        f.Quote("AAPL", 100.99m, 101.01m);
        Assert.Equal(-60.00m, f.Book.GetAccount("acct-1").UnrealisedPnl);
    }

    [Fact]
    public void BeginDay_ClearsTheDailyLossLatch()
    {
        using var f = new RiskFixture(o => o.Limits.PriceCollar = null).WithDefaults();
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 1000m, 100.00m));
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Sell, 1000m, 50.00m));
        Assert.True(f.Book.GetAccount("acct-1").DailyLossLimitReached);

        f.Book.BeginDay("acct-1", 950_000m);
        Assert.False(f.Book.GetAccount("acct-1").DailyLossLimitReached);
    }

    [Fact]
    public void UpdateMarketData_OlderQuoteIsIgnored_AndBadQuotesThrow()
    {
        using var f = new RiskFixture().WithDefaults();
        var t = f.Time.GetUtcNow();

        Assert.False(f.Book.UpdateMarketData("AAPL", new MarketQuote(1m, 2m, null, t.AddSeconds(-1))));
        Assert.True(f.Book.TryGetQuote("AAPL", out var q));
        Assert.Equal(100.00m, q.ReferencePrice);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Book.UpdateMarketData("AAPL", new MarketQuote(2m, 1m, null, t)));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Book.UpdateMarketData("AAPL", new MarketQuote(-1m, 1m, null, t)));
        Assert.Throws<KeyNotFoundException>(() => f.Book.UpdateMarketData("ZZZ", new MarketQuote(1m, 2m, null, t)));
        Assert.False(f.Book.TryGetQuote("ZZZ", out _));
    }

    [Fact]
    public void MarketQuote_ReferencePrice_IsMidElseLast()
    {
        Assert.Equal(100.005m, new MarketQuote(100.00m, 100.01m, 99m, default).ReferencePrice);
        Assert.Equal(99m, new MarketQuote(100.00m, null, 99m, default).ReferencePrice);
        Assert.Null(new MarketQuote(null, null, null, default).ReferencePrice);
    }

    [Fact]
    public void Definitions_RejectMalformedValues()
    {
        Assert.Throws<ArgumentException>(() => new Instrument("", "USD", 0.01m, 1m));
        Assert.Throws<ArgumentException>(() => new Instrument(new string('X', 65), "USD", 0.01m, 1m));
        Assert.Throws<ArgumentException>(() => new Instrument("A", "US", 0.01m, 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Instrument("A", "USD", 0m, 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Instrument("A", "USD", 0.01m, -1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Instrument("A", "USD", 0.01m, 1m) { Multiplier = 0m });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Instrument("A", "USD", 0.01m, 1m) { DailyVolatility = -0.1m });
        Assert.Throws<ArgumentException>(() => new TradingAccount(" ", 1m));
        Assert.Throws<ArgumentException>(() => new TradingAccount(new string('a', 257), 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TradingAccount("a", 0m));
        Assert.Throws<ArgumentException>(() => new TradingAccount("a", 1m, "EURO"));
    }

    [Fact]
    public void Lookups_UnknownNamesThrowOrReturnFalse()
    {
        using var f = new RiskFixture().WithDefaults();

        Assert.Throws<KeyNotFoundException>(() => f.Book.GetPosition("nobody", "AAPL"));
        Assert.Throws<KeyNotFoundException>(() => f.Book.GetPosition("acct-1", "ZZZ"));
        Assert.Throws<KeyNotFoundException>(() => f.Book.GetAccount("nobody"));
        Assert.Throws<KeyNotFoundException>(() => f.Book.BeginDay("nobody", 1m));
        Assert.Throws<KeyNotFoundException>(() => f.Book.SetRestricted("ZZZ", true));
        Assert.False(f.Book.TryGetAccount("nobody", out _));
        Assert.False(f.Book.TryGetInstrument("ZZZ", out _));
        Assert.True(f.Book.TryGetInstrument("AAPL", out var i));
        Assert.Equal(0.01m, i.TickSize);
        Assert.Equal(1, f.Book.AccountCount);
        Assert.Equal(1, f.Book.InstrumentCount);
    }

    [Fact]
    public void GetOpenOrders_ListsReservationsPerAccount()
    {
        using var f = new RiskFixture().WithDefaults();
        f.Book.DefineAccount(new TradingAccount("acct-2", 1_000_000m));
        f.Check(Buy("o1", 5) with { Strategy = "s1" });
        f.Check(Buy("o2", 7, account: "acct-2"));

        var mine = Assert.Single(f.Book.GetOpenOrders("acct-1"));
        Assert.Equal(new OpenOrder("o1", "acct-1", "AAPL", "s1", OrderSide.Buy, OrderType.Limit, 5m, 100.00m, Start), mine);
        Assert.Equal(2, f.Book.GetOpenOrders().Count);
    }
}
