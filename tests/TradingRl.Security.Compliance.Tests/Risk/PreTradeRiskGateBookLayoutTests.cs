using System.Globalization;
using TradingRl.Security.Compliance;
using static TradingRl.Security.Compliance.Tests.RiskFixture;

namespace TradingRl.Security.Compliance.Tests.Risk;

/// <summary>
/// The book's compact per-account and per-instrument state: open orders and positions past the size where they are scanned, many
/// accounts and instruments, redefinitions, shared combined limits, and quotes read while they are written.
/// </summary>
public sealed class PreTradeRiskGateBookLayoutTests
{
    [Fact]
    public void OpenOrders_PastTheScanLimit_CancelFillAndAmendFindEveryOrder()
    {
        using var f = new RiskFixture(o => o.Limits.MaxOpenOrders = 1000).WithDefaults(nav: 100_000_000m);
        var open = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < 30; i++)
        {
            Assert.True(f.Check(Buy($"o{i}", i + 1)).IsAllowed, $"o{i}");
            open[$"o{i}"] = i + 1;
        }

        Assert.Equal(RiskReason.UnknownOrDuplicateOrderId, f.Check(Buy("o17", 1)).Reason);

        // Cancel from the middle, the end and the start, so entries move into the holes.
        foreach (var id in new[] { "o12", "o29", "o0", "o5", "o28" })
        {
            Assert.True(f.Gate.OnOrderCancelled("acct-1", id));
            Assert.False(f.Gate.OnOrderCancelled("acct-1", id));
            open.Remove(id);
        }

        Assert.True(f.Gate.CheckAmend("acct-1", "o27", 5m, 100.00m).IsAllowed);
        open["o27"] = 5m;
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 3m, 100.00m, "o20"));
        open["o20"] -= 3m;
        Assert.True(f.Gate.OnOrderCancelled("acct-1", "o3", 1m));
        open["o3"] -= 1m;

        var listed = f.Book.GetOpenOrders("acct-1").ToDictionary(o => o.OrderId, o => o.RemainingQuantity, StringComparer.Ordinal);
        Assert.Equal(open.OrderBy(p => p.Key, StringComparer.Ordinal), listed.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(open.Values.Sum(), f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
        Assert.Equal(open.Count, f.Book.GetAccount("acct-1").OpenOrders);

        // Cancel everything; the table empties and takes new orders again.
        foreach (var id in open.Keys)
        {
            Assert.True(f.Gate.OnOrderCancelled("acct-1", id));
        }

        Assert.Empty(f.Book.GetOpenOrders("acct-1"));
        Assert.True(f.Check(Buy("o12", 1)).IsAllowed);
    }

    [Fact]
    public void SelfTrade_PastTheScanLimit_FindsTheCrossingOrderAndAnAmendmentSkipsItsOriginal()
    {
        using var f = new RiskFixture(o => o.Limits.MaxOpenOrders = 1000).WithDefaults(nav: 100_000_000m);
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 1000m, 100.00m));
        for (var i = 0; i < 12; i++)
        {
            Assert.True(f.Check(Sell($"s{i}", 1, 100.00m + (i * 0.01m))).IsAllowed);
        }

        Assert.Equal(RiskReason.SelfTrade, f.Check(Buy("b1", 1, 100.11m)).Reason);
        Assert.True(f.Check(Buy("b2", 1, 99.99m)).IsAllowed);
        Assert.True(f.Gate.CheckAmend("acct-1", "s11", 2m, 100.11m).IsAllowed);
    }

    [Fact]
    public void Positions_PastTheScanLimit_AreEachFoundAndAllCountTowardPnl()
    {
        using var f = new RiskFixture(o => o.Limits.MaxVarFraction = null).WithDefaults(nav: 100_000_000m);
        for (var i = 0; i < 12; i++)
        {
            var symbol = $"X{i}";
            f.Book.DefineInstrument(new Instrument(symbol, "USD", 0.01m, 1m) { DailyVolatility = 0.02m });
            f.Quote(symbol, 99.99m, 100.01m);
            f.Gate.OnFill(new Fill("acct-1", symbol, OrderSide.Buy, i + 1, 100.00m));
        }

        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(i + 1, f.Book.GetPosition("acct-1", $"X{i}").Quantity);
        }

        // Every position is down 1.00 a share: the account is down 1 + 2 + ... + 12 = 78.
        for (var i = 0; i < 12; i++)
        {
            f.Quote($"X{i}", 98.99m, 99.01m);
        }

        Assert.Equal(-78m, f.Book.GetAccount("acct-1").UnrealisedPnl);
        Assert.True(f.Check(Sell("s", 12, 99.00m, instrument: "X11")).IsAllowed);
        Assert.Equal(12m, f.Book.GetPosition("acct-1", "X11").OpenSellQuantity);
    }

    [Fact]
    public void ManyAccountsAndInstruments_EachIsFoundAndRedefinitionKeepsItsState()
    {
        using var f = new RiskFixture();
        const int n = 3000;
        for (var i = 0; i < n; i++)
        {
            f.Book.DefineInstrument(new Instrument($"I{i}", "USD", 0.01m, 1m) { DailyVolatility = 0.02m });
            f.Book.DefineAccount(new TradingAccount($"A{i}", 1_000_000m));
            f.Quote($"I{i}", 99.99m, 100.01m);
        }

        Assert.Equal(n, f.Book.AccountCount);
        Assert.Equal(n, f.Book.InstrumentCount);
        for (var i = 0; i < n; i++)
        {
            Assert.True(f.Check(Buy("o", 10, account: $"A{i}", instrument: $"I{i}")).IsAllowed, $"A{i}");
        }

        Assert.Equal(RiskReason.UnknownAccount, f.Check(Buy("o", 10, account: "A-none", instrument: "I0")).Reason);
        Assert.Equal(RiskReason.UnknownInstrument, f.Check(Buy("o", 10, account: "A0", instrument: "I-none")).Reason);

        // Redefining keeps the open orders and the quote; a restriction set on the book survives a redefinition.
        f.Book.SetRestricted("I7", true);
        f.Book.DefineAccount(new TradingAccount("A7", 2_000_000m));
        f.Book.DefineInstrument(new Instrument("I7", "USD", 0.05m, 1m) { DailyVolatility = 0.02m });
        Assert.Equal(1, f.Book.GetAccount("A7").OpenOrders);
        Assert.Equal(2_000_000m, f.Book.GetAccount("A7").StartOfDayNav);
        Assert.True(f.Book.TryGetQuote("I7", out var quote));
        Assert.Equal(100.00m, quote.ReferencePrice);
        Assert.Equal(0.05m, f.Book.TryGetInstrument("I7", out var def) ? def.TickSize : 0m);
        Assert.Equal(RiskReason.RestrictedInstrument, f.Check(Buy("p", 10, account: "A7", instrument: "I7")).Reason);
        f.Book.SetRestricted("I7", false);
        Assert.Equal(RiskReason.InvalidTickSize, f.Check(Buy("p", 10, 100.01m, account: "A7", instrument: "I7")).Reason);
        Assert.True(f.Check(Buy("p", 10, 100.00m, account: "A7", instrument: "I7")).IsAllowed);
    }

    [Fact]
    public void CombinedLimits_SameValuesInDifferentNotations_EachDenialReportsItsOwn()
    {
        using var f = new RiskFixture().WithDefaults(nav: 100_000_000m);
        f.Book.DefineAccount(new TradingAccount("a", 100_000_000m) { Limits = new RiskLimits { MaxOrderQuantity = 10.0m } });
        f.Book.DefineAccount(new TradingAccount("b", 100_000_000m) { Limits = new RiskLimits { MaxOrderQuantity = 10.00m } });

        var a = f.Check(Buy("o", 11, account: "a"));
        var b = f.Check(Buy("o", 11, account: "b"));

        Assert.Equal("10.0", a.Limit.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("10.00", b.Limit.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CombinedLimits_ChangingOneAccountsLimits_ReachesOnlyThatAccount()
    {
        using var f = new RiskFixture().WithDefaults(nav: 100_000_000m);
        var mine = new RiskLimits { MaxOrderQuantity = 10m };
        f.Book.DefineAccount(new TradingAccount("a", 100_000_000m) { Limits = mine });
        f.Book.DefineAccount(new TradingAccount("b", 100_000_000m) { Limits = new RiskLimits { MaxOrderQuantity = 10m } });
        Assert.Equal(RiskReason.MaxOrderQuantity, f.Check(Buy("o1", 11, account: "a")).Reason);
        Assert.Equal(RiskReason.MaxOrderQuantity, f.Check(Buy("o1", 11, account: "b")).Reason);

        mine.MaxOrderQuantity = 20m;

        Assert.True(f.Check(Buy("o2", 11, account: "a")).IsAllowed);
        Assert.Equal(RiskReason.MaxOrderQuantity, f.Check(Buy("o2", 11, account: "b")).Reason);
    }

    [Fact]
    public void UpdateMarketData_MidBeyondTheDecimalRange_ThrowsKeepsTheQuoteAndChecksDeny()
    {
        using var f = new RiskFixture().WithDefaults();
        var huge = new MarketQuote(decimal.MaxValue, decimal.MaxValue, null, f.Time.GetUtcNow());

        Assert.Throws<OverflowException>(() => f.Book.UpdateMarketData("AAPL", huge));

        Assert.True(f.Book.TryGetQuote("AAPL", out var stored));
        Assert.Equal(huge, stored);
        Assert.Equal(RiskReason.InvalidOrder, f.Check(Buy("o1", 1)).Reason);
        f.Quote("AAPL", 99.99m, 100.01m);
        Assert.True(f.Check(Buy("o2", 1)).IsAllowed);
    }

    [Fact]
    public async Task Quotes_ReadWhileWritten_AreNeverTorn()
    {
        using var f = new RiskFixture(o =>
        {
            o.Limits.MaxOrdersPerWindow = 100_000;
            o.Limits.MaxMessagesPerWindow = 100_000;
        }).WithDefaults(nav: 1_000_000_000m);
        using var stop = new CancellationTokenSource();
        var start = f.Time.GetUtcNow();

        // Every quote written has a mid of exactly 100.00, with a spread from 0.02 to 2.00.
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var half = ((i % 100) + 1) * 0.01m;
                f.Book.UpdateMarketData("AAPL", new MarketQuote(100.00m - half, 100.00m + half, null, start));
            }
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            for (var n = 0; n < 20_000; n++)
            {
                Assert.True(f.Book.TryGetQuote("AAPL", out var q));
                Assert.Equal(200.00m, q.Bid!.Value + q.Ask!.Value);
                var order = Buy($"r{r}-{n}", 1, 100.00m);
                Assert.True(f.Check(order).IsAllowed);
                Assert.True(f.Gate.OnOrderCancelled("acct-1", order.OrderId));
            }
        })).ToArray();

        try
        {
            await Task.WhenAll(readers);
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }
    }
}
