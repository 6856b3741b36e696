using TradingRl.Security.Compliance;
using static TradingRl.Security.Compliance.Tests.RiskFixture;

namespace TradingRl.Security.Compliance.Tests.Risk;

/// <summary>Decimal extremes at the gate's entry points: a decision, never an <see cref="OverflowException"/>, and nothing half-written.</summary>
public sealed class PreTradeRiskGateExtremeValueTests
{
    [Fact]
    public void Check_LimitPriceAtDecimalMaxValue_DeniesInsteadOfThrowing()
    {
        using var f = new RiskFixture().WithDefaults();

        var d = f.Check(Buy("o1", 1000m, decimal.MaxValue));

        Assert.False(d.IsAllowed);
        Assert.Equal(0m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
    }

    [Fact]
    public void Check_QuantityAtDecimalMaxValueWithoutQuantityOrNotionalLimit_DeniesInsteadOfThrowing()
    {
        using var f = new RiskFixture(o =>
        {
            o.Limits.MaxOrderQuantity = null;
            o.Limits.MaxOrderNotional = null;
        }).WithDefaults();

        var d = f.Check(Buy("o1", decimal.MaxValue, null));

        Assert.False(d.IsAllowed);
        Assert.Equal(0m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
    }

    [Fact]
    public void CheckAmend_PriceAtDecimalMaxValue_DeniesAndKeepsTheOriginalReservation()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.True(f.Check(Buy("o1", 10m)).IsAllowed);

        var d = f.Gate.CheckAmend("acct-1", "o1", 1000m, decimal.MaxValue);

        Assert.False(d.IsAllowed);
        Assert.Equal(10m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
    }

    [Fact]
    public void OnFill_NotionalOverflow_ThrowsTypedErrorAndKeepsTheReservation()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.True(f.Check(Buy("o1", 10m)).IsAllowed);

        Assert.Throws<ArgumentException>(() => f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 10m, decimal.MaxValue, "o1")));

        var position = f.Book.GetPosition("acct-1", "AAPL");
        Assert.Equal(10m, position.OpenBuyQuantity);
        Assert.Equal(0m, position.Quantity);
    }

    [Fact]
    public void Check_QuoteStampedInTheFuture_DeniesAsStaleOnceItHasNotBeenRefreshedForTheMaxQuoteAge()
    {
        using var f = new RiskFixture().WithDefaults();
        f.Book.UpdateMarketData("AAPL", new MarketQuote(99.99m, 100.01m, null, f.Time.GetUtcNow().AddDays(1)));
        f.Time.Advance(f.Options.MaxQuoteAge * 10);

        var d = f.Check(Buy("o1", 10m));

        Assert.False(d.IsAllowed);
        Assert.Equal(RiskReason.StalePrice, d.Reason);
    }
}
