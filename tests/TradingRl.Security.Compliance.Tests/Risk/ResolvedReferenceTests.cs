using TradingRl.Security.Compliance;
using static TradingRl.Security.Compliance.Tests.RiskFixture;

namespace TradingRl.Security.Compliance.Tests.Risk;

/// <summary><see cref="BookAccount"/> and <see cref="BookInstrument"/>: the same decisions as the look-up by id, and every wrong reference refused.</summary>
public sealed class ResolvedReferenceTests
{
    [Fact]
    public void Check_WithReferences_DecidesAsByIdAndReservesTheSame()
    {
        using var byId = new RiskFixture(o => o.Limits.MaxOrderQuantity = 500m).WithDefaults();
        using var byRef = new RiskFixture(o => o.Limits.MaxOrderQuantity = 500m).WithDefaults();
        var account = byRef.Book.ResolveAccount("acct-1");
        var instrument = byRef.Book.ResolveInstrument("AAPL");
        Assert.Equal("acct-1", account.Id);
        Assert.Equal("AAPL", instrument.Symbol);

        OrderRequest[] orders = [Buy("a", 500), Buy("b", 501), Buy("c", 10, 100.003m), Buy("a", 1), Sell("d", 20, 99.00m)];
        foreach (var o in orders)
        {
            // Built from the references' own strings, and from equal strings of other instances: both match.
            var sameInstances = o with { Account = account.Id, Instrument = instrument.Symbol };
            var expected = byId.Check(o);
            Assert.Equal(expected, byRef.Gate.Check(in sameInstances, account, instrument));
        }

        Assert.Equal(byId.Book.GetAccount("acct-1"), byRef.Book.GetAccount("acct-1"));
        Assert.Equal(byId.Book.GetOpenOrders().Count, byRef.Book.GetOpenOrders().Count);
        var equalStrings = Buy("e", 5, account: new string("acct-1".AsSpan()), instrument: new string("AAPL".AsSpan()));
        Assert.True(byRef.Gate.Check(in equalStrings, account, instrument).IsAllowed);
    }

    [Fact]
    public void Check_ReferencesThatDoNotFitTheOrder_DenyAsInvalidOrder()
    {
        using var f = new RiskFixture().WithDefaults();
        f.Book.DefineAccount(new TradingAccount("acct-2", 1_000_000m));
        using var other = new RiskFixture().WithDefaults();
        var account = f.Book.ResolveAccount("acct-1");
        var instrument = f.Book.ResolveInstrument("AAPL");
        var order = Buy("o1", 10);

        Assert.Equal(RiskReason.InvalidOrder, f.Gate.Check(in order, default, instrument).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Gate.Check(in order, account, default).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Gate.Check(in order, other.Book.ResolveAccount("acct-1"), instrument).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Gate.Check(in order, account, other.Book.ResolveInstrument("AAPL")).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Gate.Check(in order, f.Book.ResolveAccount("acct-2"), instrument).Reason);
        var elsewhere = order with { Account = "acct-2" };
        Assert.Equal(RiskReason.InvalidOrder, f.Gate.Check(in elsewhere, account, instrument).Reason);

        // Nothing was reserved, and each refusal was counted and published like any other denial.
        Assert.Empty(f.Book.GetOpenOrders());
        Assert.Equal(6, f.Gate.GetStatistics().DenialsByReason[RiskReason.InvalidOrder]);
        Assert.Equal(6, f.Events.All.Count(e => e.Type == "trading.order.denied"));
    }

    [Fact]
    public void Resolve_UnknownOrNull_Throws()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.Throws<KeyNotFoundException>(() => f.Book.ResolveAccount("nobody"));
        Assert.Throws<KeyNotFoundException>(() => f.Book.ResolveInstrument("MSFT"));
        Assert.Throws<ArgumentNullException>(() => f.Book.ResolveAccount(null!));
        Assert.Throws<ArgumentNullException>(() => f.Book.ResolveInstrument(null!));
        Assert.True(default(BookAccount).IsDefault);
        Assert.Throws<InvalidOperationException>(() => default(BookAccount).Id);
        Assert.Throws<InvalidOperationException>(() => default(BookInstrument).Symbol);
    }

    [Fact]
    public void References_EqualWhenTheyNameTheSameState()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.Equal(f.Book.ResolveAccount("acct-1"), f.Book.ResolveAccount("acct-1"));
        Assert.True(f.Book.ResolveInstrument("AAPL") == f.Book.ResolveInstrument("AAPL"));
        Assert.NotEqual(f.Book.ResolveAccount("acct-1"), default);

        // Redefining keeps the state, so a reference taken before still names the account.
        var before = f.Book.ResolveAccount("acct-1");
        f.Book.DefineAccount(new TradingAccount("acct-1", 2_000_000m));
        Assert.Equal(before, f.Book.ResolveAccount("acct-1"));
    }

    [Fact]
    public void UpdateMarketData_WithReference_StoresAsBySymbol_AndRefusesWrongReferences()
    {
        using var f = new RiskFixture().WithDefaults();
        using var other = new RiskFixture().WithDefaults();
        var aapl = f.Book.ResolveInstrument("AAPL");
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(f.Book.UpdateMarketData(aapl, new MarketQuote(100.99m, 101.01m, null, f.Time.GetUtcNow())));
        Assert.True(f.Book.TryGetQuote("AAPL", out var q));
        Assert.Equal(100.99m, q.Bid);
        Assert.False(f.Book.UpdateMarketData(aapl, new MarketQuote(50m, 51m, null, f.Time.GetUtcNow().AddSeconds(-5))));

        var fresh = new MarketQuote(1m, 2m, null, f.Time.GetUtcNow());
        Assert.Throws<ArgumentException>(() => f.Book.UpdateMarketData(default(BookInstrument), in fresh));
        Assert.Throws<ArgumentException>(() => f.Book.UpdateMarketData(other.Book.ResolveInstrument("AAPL"), in fresh));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Book.UpdateMarketData(aapl, new MarketQuote(2m, 1m, null, f.Time.GetUtcNow())));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Book.UpdateMarketData(aapl, new MarketQuote(0m, 1m, null, f.Time.GetUtcNow())));
        Assert.True(f.Book.TryGetQuote("AAPL", out q));
        Assert.Equal(100.99m, q.Bid);
    }

    [Fact]
    public void OnOrderCancelled_WithReference_ReleasesAsById_AndRefusesWrongReferences()
    {
        using var f = new RiskFixture().WithDefaults();
        using var other = new RiskFixture().WithDefaults();
        var account = f.Book.ResolveAccount("acct-1");
        Assert.True(f.Check(Buy("o1", 10)).IsAllowed);
        Assert.True(f.Gate.OnOrderCancelled(account, "o1", 4m));
        Assert.Equal(6m, Assert.Single(f.Book.GetOpenOrders()).RemainingQuantity);
        Assert.True(f.Gate.OnOrderCancelled(account, "o1", null));
        Assert.False(f.Gate.OnOrderCancelled(account, "o1", null));
        Assert.Empty(f.Book.GetOpenOrders());

        Assert.Throws<ArgumentException>(() => f.Gate.OnOrderCancelled(default(BookAccount), "o1", null));
        Assert.Throws<ArgumentException>(() => f.Gate.OnOrderCancelled(other.Book.ResolveAccount("acct-1"), "o1", null));
        Assert.Throws<ArgumentNullException>(() => f.Gate.OnOrderCancelled(account, null!, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Gate.OnOrderCancelled(account, "o1", 0m));
    }
}
