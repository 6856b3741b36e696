using TradingRl.Security.Compliance;
using TradingRl.Security.Events;
using static TradingRl.Security.Compliance.Tests.RiskFixture;

namespace TradingRl.Security.Compliance.Tests.Risk;

public sealed class PreTradeRiskGateTests
{
    [Fact]
    public void Check_PlainOrderWithinEveryLimit_IsAllowedAndReserved()
    {
        using var f = new RiskFixture().WithDefaults();

        var d = f.Check(Buy("o1", 100));

        Assert.True(d.IsAllowed);
        Assert.Equal(RiskReason.None, d.Reason);
        Assert.Equal(100m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
        Assert.Empty(f.Events.All);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void Check_MaxOrderQuantity_EqualPassesOneLotOverFails(int quantity, bool allowed)
    {
        using var f = new RiskFixture().WithDefaults(nav: 100_000_000m, accountLimits: new RiskLimits { MaxOrderQuantity = 500m });

        var d = f.Check(Buy("o1", quantity));

        Assert.Equal(allowed, d.IsAllowed);
        if (!allowed)
        {
            Assert.Equal(RiskReason.MaxOrderQuantity, d.Reason);
            Assert.Equal(501m, d.Observed);
            Assert.Equal(500m, d.Limit);
        }
    }

    [Fact]
    public void Check_AccountLimitTightenedInPlaceAfterOrders_NextOrderSeesIt()
    {
        // The gate caches combined limits per account; a limit set on the same RiskLimits object must still count at once.
        var accountLimits = new RiskLimits { MaxOrderQuantity = 500m };
        using var f = new RiskFixture().WithDefaults(nav: 100_000_000m, accountLimits: accountLimits);
        Assert.True(f.Check(Buy("o1", 300)).IsAllowed);

        accountLimits.MaxOrderQuantity = 200m;
        var d = f.Check(Buy("o2", 300));
        Assert.Equal(RiskReason.MaxOrderQuantity, d.Reason);
        Assert.Equal(200m, d.Limit);

        accountLimits.MaxOrderQuantity = null;
        Assert.True(f.Check(Buy("o3", 600)).IsAllowed);
    }

    [Fact]
    public void Check_InstrumentAndStrategyLimitsChangedAfterOrders_NextOrderSeesThem()
    {
        var instrumentLimits = new RiskLimits();
        using var f = new RiskFixture().WithDefaults(nav: 100_000_000m, instrumentLimits: instrumentLimits);
        Assert.True(f.Check(Buy("o1", 300)).IsAllowed);

        instrumentLimits.MaxOrderQuantity = 250m;
        Assert.Equal(RiskReason.MaxOrderQuantity, f.Check(Buy("o2", 300)).Reason);

        f.Book.SetStrategyLimits("ppo", new RiskLimits { MaxOrderQuantity = 100m });
        Assert.Equal(100m, f.Check(Buy("o3", 150) with { Strategy = "ppo" }).Limit);
        Assert.True(f.Check(Buy("o4", 150)).IsAllowed); // no strategy: the instrument's 250 applies
    }

    [Fact]
    public void Check_SeedMaxOrderQuantity_IsOneMillion()
    {
        using var f = new RiskFixture(o =>
        {
            o.Limits.MaxPositionFraction = null;
            o.Limits.MaxVarFraction = null;
        }).WithDefaults();

        Assert.True(f.Check(Buy("o1", 1_000_000)).IsAllowed);
        Assert.Equal(RiskReason.MaxOrderQuantity, f.Check(Buy("o2", 1_000_001)).Reason);
    }

    [Theory]
    [InlineData("100.00", true)]
    [InlineData("100.01", false)]
    public void Check_MaxOrderNotional_EqualPassesOneTickOverFails(string price, bool allowed)
    {
        using var f = new RiskFixture(o => o.Limits.MaxOrderNotional = 50_000m).WithDefaults(nav: 100_000_000m);

        var d = f.Check(Buy("o1", 500, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(allowed, d.IsAllowed);
        if (!allowed)
        {
            Assert.Equal(RiskReason.MaxOrderNotional, d.Reason);
            Assert.Equal(50_005.00m, d.Observed);
        }
    }

    [Fact]
    public void Check_MarketOrder_IsPricedAtTheFarTouch()
    {
        // Ask 100.01: 499 x 100.01 = 49,904.99 passes; 500 x 100.01 = 50,005.00 fails. The bid (99.99) prices sells: 500 x 99.99 = 49,995 passes.
        using var f = new RiskFixture(o => o.Limits.MaxOrderNotional = 50_000m).WithDefaults(nav: 100_000_000m);

        Assert.True(f.Check(Buy("b1", 499, price: null)).IsAllowed);
        var over = f.Check(Buy("b2", 500, price: null));
        Assert.Equal(RiskReason.MaxOrderNotional, over.Reason);
        Assert.Equal(50_005.00m, over.Observed);
        f.Gate.OnOrderCancelled("acct-1", "b1");
        Assert.True(f.Check(Sell("s1", 500, price: null)).IsAllowed);
    }

    [Theory]
    [InlineData("105.00", RiskReason.None)]
    [InlineData("105.01", RiskReason.PriceCollar)]
    [InlineData("95.00", RiskReason.None)]
    [InlineData("94.99", RiskReason.PriceCollar)]
    public void Check_PriceCollar_EqualPassesOneTickOverFails(string price, RiskReason expected)
    {
        // Mid 100.00, collar 5 %: 95.00 to 105.00 pass.
        using var f = new RiskFixture().WithDefaults(nav: 100_000_000m);

        var d = f.Check(Buy("o1", 10, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(expected, d.Reason);
    }

    [Fact]
    public void Check_PeriodCollar_MeasuresFromThePeriodsFirstReferenceAndResetsAfterThePeriod()
    {
        using var f = new RiskFixture(o =>
        {
            o.Limits.PriceCollar = 0.5m;
            o.Limits.PeriodPriceCollar = 0.10m;
            o.CollarPeriod = TimeSpan.FromMinutes(5);
        }).WithDefaults(nav: 100_000_000m);

        // Anchor 100.00 at the start; the market moves to 108.00 within the period.
        f.Time.Advance(TimeSpan.FromMinutes(1));
        f.Quote("AAPL", 107.99m, 108.01m);
        Assert.True(f.Check(Buy("o1", 10, 110.00m)).IsAllowed);
        var over = f.Check(Buy("o2", 10, 110.01m));
        Assert.Equal(RiskReason.PeriodPriceCollar, over.Reason);
        Assert.Equal(10.01m, over.Observed);
        Assert.Equal(10.000m, over.Limit);

        // Five minutes after the anchor, the next quote starts a new period anchored at 108.00.
        f.Time.Advance(TimeSpan.FromMinutes(4));
        f.Quote("AAPL", 107.99m, 108.01m);
        Assert.True(f.Check(Buy("o3", 10, 110.01m)).IsAllowed);
    }

    [Fact]
    public void Check_Throttle_HundredthPassesHundredFirstRefusedUntilTheWindowSlides()
    {
        using var f = new RiskFixture().WithDefaults(nav: 100_000_000m);

        for (var i = 1; i <= 100; i++)
        {
            Assert.True(f.Check(Buy($"o{i}", 1)).IsAllowed, $"order {i}");
        }

        f.Time.Advance(TimeSpan.FromMilliseconds(59_999));
        f.Quote("AAPL", 99.99m, 100.01m);
        var refused = f.Check(Buy("o101", 1));
        Assert.Equal(RiskReason.OrderRateLimit, refused.Reason);
        Assert.Equal(101m, refused.Observed);
        Assert.Equal(100m, refused.Limit);

        // Refused, not queued: nothing was reserved for it.
        Assert.Equal(100m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);

        f.Time.Advance(TimeSpan.FromMilliseconds(1));
        f.Quote("AAPL", 99.99m, 100.01m);
        Assert.True(f.Check(Buy("o101", 1)).IsAllowed);
    }

    [Fact]
    public void Check_Throttle_RecoversAFullBurstOneWindowLater()
    {
        using var f = new RiskFixture(o => o.Limits.MaxOpenOrders = 1000).WithDefaults(nav: 100_000_000m);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(f.Check(Buy($"a{i}", 1)).IsAllowed);
        }

        Assert.Equal(RiskReason.OrderRateLimit, f.Check(Buy("a100", 1)).Reason);

        f.Time.Advance(TimeSpan.FromSeconds(60));
        f.Quote("AAPL", 99.99m, 100.01m);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(f.Check(Buy($"b{i}", 1)).IsAllowed, $"order b{i}");
        }

        Assert.Equal(RiskReason.OrderRateLimit, f.Check(Buy("b100", 1)).Reason);
        Assert.Equal(2, f.Gate.GetStatistics().DenialsByReason[RiskReason.OrderRateLimit]);
    }

    [Fact]
    public void Check_MessageRate_CountsOrdersCancelsAndAmendments()
    {
        using var f = new RiskFixture(o => o.Limits.MaxMessagesPerWindow = 4).WithDefaults(nav: 100_000_000m);

        Assert.True(f.Check(Buy("o1", 1)).IsAllowed);
        Assert.True(f.Check(Buy("o2", 1)).IsAllowed);
        Assert.True(f.Gate.CheckCancel("acct-1", "o1").IsAllowed);
        Assert.True(f.Gate.CheckAmend("acct-1", "o2", 2, 100.00m).IsAllowed);

        Assert.Equal(RiskReason.MessageRateLimit, f.Check(Buy("o3", 1)).Reason);
        Assert.Equal(RiskReason.MessageRateLimit, f.Gate.CheckCancel("acct-1", "o2").Reason);
        Assert.Equal(RiskReason.MessageRateLimit, f.Gate.CheckAmend("acct-1", "o2", 3, 100.00m).Reason);
    }

    [Fact]
    public void Check_MaxOpenOrders_EqualPassesOneMoreFailsAndACancelFreesASlot()
    {
        using var f = new RiskFixture(o => o.Limits.MaxOpenOrders = 3).WithDefaults(nav: 100_000_000m);

        Assert.True(f.Check(Buy("o1", 1)).IsAllowed);
        Assert.True(f.Check(Buy("o2", 1)).IsAllowed);
        Assert.True(f.Check(Buy("o3", 1)).IsAllowed);
        Assert.Equal(RiskReason.MaxOpenOrders, f.Check(Buy("o4", 1)).Reason);

        Assert.True(f.Gate.OnOrderCancelled("acct-1", "o2"));
        Assert.True(f.Check(Buy("o4", 1)).IsAllowed);
    }

    [Fact]
    public void Check_PositionLimit_CountsPositionAndOpenSameSideOrders_EqualPasses()
    {
        // 10 % of 1,000,000 = 100,000 = 1,000 shares at the 100.00 reference.
        using var f = new RiskFixture().WithDefaults();
        var first = Buy("o1", 300);
        Assert.True(f.Check(first).IsAllowed);
        f.Filled(first);
        Assert.True(f.Check(Buy("o2", 300)).IsAllowed);

        var over = f.Check(Buy("o3", 401));
        Assert.Equal(RiskReason.PositionLimit, over.Reason);
        Assert.Equal(100_100.00m, over.Observed);
        Assert.Equal(100_000.00m, over.Limit);
        Assert.True(f.Check(Buy("o3", 400)).IsAllowed);
    }

    [Fact]
    public void Check_PositionLimit_AppliesToShortsAndIgnoresTheOtherSidesOrders()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.True(f.Check(Buy("b1", 900, 99.00m)).IsAllowed);
        Assert.True(f.Check(Sell("s1", 1000, 101.00m)).IsAllowed);
        Assert.Equal(RiskReason.PositionLimit, f.Check(Sell("s2", 1, 101.00m)).Reason);
    }

    [Fact]
    public void Check_VarLimit_MatchesTheHandComputedParametricCase()
    {
        // One-day 99 % parametric VaR, z = 2.3263, summed without diversification:
        //   MSFT: 1,000 x 200.00 x 1.5 % x 2.3263 = 6,978.90
        //   AAPL: q x 100.00 x 1 % x 2.3263      = 2.3263 q
        //   limit 2 % x 1,000,000 = 20,000 -> q = 5,597 gives 19,999.2011 (passes), q = 5,598 gives 20,001.5274 (fails).
        using var f = new RiskFixture(o =>
        {
            o.Limits.MaxPositionFraction = 1m;
            o.Limits.MaxOrdersPerWindow = 1000;
        });
        f.Book.DefineInstrument(new Instrument("AAPL", "USD", 0.01m, 1m) { DailyVolatility = 0.01m });
        f.Book.DefineInstrument(new Instrument("MSFT", "USD", 0.01m, 1m) { DailyVolatility = 0.015m });
        f.Book.DefineAccount(new TradingAccount("acct-1", 1_000_000m));
        f.Quote("AAPL", 99.99m, 100.01m);
        f.Quote("MSFT", 199.99m, 200.01m);
        f.Gate.OnFill(new Fill("acct-1", "MSFT", OrderSide.Buy, 1000m, 200.00m));

        var over = f.Check(Buy("o1", 5598));
        Assert.Equal(RiskReason.VarLimit, over.Reason);
        Assert.Equal(20_001.5274m, over.Observed);
        Assert.Equal(20_000.00m, over.Limit);

        var at = f.Check(Buy("o2", 5597));
        Assert.True(at.IsAllowed);
    }

    [Fact]
    public void Check_VarLimit_MissingVolatilityDenies()
    {
        using var f = new RiskFixture();
        f.Book.DefineInstrument(new Instrument("XYZ", "USD", 0.01m, 1m));
        f.Book.DefineAccount(new TradingAccount("acct-1", 1_000_000m));
        f.Quote("XYZ", 9.99m, 10.01m);

        Assert.Equal(RiskReason.NoRiskData, f.Check(Buy("o1", 10, 10.00m, instrument: "XYZ")).Reason);
    }

    [Fact]
    public void Check_DailyLoss_ReachingTheLimitSwitchesToReduceOnly()
    {
        // Long 1,000 at 100.00; 5 % of 1,000,000 = 50,000 = a mark of 50.00.
        using var f = new RiskFixture(o =>
        {
            o.Limits.PriceCollar = null;
            o.Limits.PeriodPriceCollar = null;
        }).WithDefaults();
        var buy = Buy("o1", 1000);
        Assert.True(f.Check(buy).IsAllowed);
        f.Filled(buy);

        f.Quote("AAPL", 50.00m, 50.02m);
        Assert.True(f.Check(Buy("o2", 1, 50.01m)).IsAllowed);
        f.Gate.OnOrderCancelled("acct-1", "o2");
        Assert.Empty(f.Events.OfType(SecurityEventTypes.ComplianceViolation));

        f.Quote("AAPL", 49.99m, 50.01m);
        var denied = f.Check(Buy("o3", 1, 50.00m));
        Assert.Equal(RiskReason.DailyLossLimit, denied.Reason);
        Assert.Equal(50_000.00m, denied.Observed);
        Assert.Equal(50_000.00m, denied.Limit);
        Assert.Equal(TradingState.ReduceOnly, f.States.GetState(KillSwitchScope.ForAccount("acct-1")));
        var violation = Assert.Single(f.Events.OfType(SecurityEventTypes.ComplianceViolation));
        Assert.Equal("daily_loss_limit", violation.GetProperty("reason")); // the compliance report counts it as a limit breach
        var change = Assert.Single(f.Events.OfType(SecurityEventTypes.TradingStateChanged));
        Assert.Equal("ReduceOnly", change.GetProperty("to"));

        // Reducing orders still pass; one that would flip the position does not.
        Assert.True(f.Check(Sell("s1", 600, 50.00m)).IsAllowed);
        Assert.False(f.Check(Sell("s2", 401, 50.00m)).IsAllowed);
        Assert.True(f.Check(Sell("s3", 400, 50.00m)).IsAllowed);
        Assert.Equal(1, f.Gate.GetStatistics().DailyLossBreaches);
    }

    [Fact]
    public void OnFill_LossReachingTheLimit_SwitchesToReduceOnly()
    {
        using var f = new RiskFixture(o => o.Limits.PriceCollar = null).WithDefaults();
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 1000m, 100.00m));
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Sell, 1000m, 50.00m));

        Assert.Equal(-50_000.00m, f.Book.GetAccount("acct-1").RealisedPnl);
        Assert.Equal(TradingState.ReduceOnly, f.States.GetState(KillSwitchScope.ForAccount("acct-1")));
        Assert.Equal(RiskReason.DailyLossLimit, f.Check(Buy("o1", 1)).Reason);
    }

    [Fact]
    public void Check_SelfTrade_DeniesAnOrderThatWouldCrossTheAccountsOwnRestingOrder()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.True(f.Check(Sell("s1", 100, 101.00m)).IsAllowed);

        Assert.Equal(RiskReason.SelfTrade, f.Check(Buy("b1", 10, 101.00m)).Reason);
        Assert.Equal(RiskReason.SelfTrade, f.Check(Buy("b2", 10, price: null)).Reason);
        Assert.True(f.Check(Buy("b3", 10, 100.99m)).IsAllowed);

        // Another account may trade against it.
        f.Book.DefineAccount(new TradingAccount("acct-2", 1_000_000m));
        Assert.True(f.Check(Buy("b4", 10, 101.00m, account: "acct-2")).IsAllowed);

        // Once the resting sell is cancelled the buy may cross.
        f.Gate.OnOrderCancelled("acct-1", "s1");
        Assert.True(f.Check(Buy("b1", 10, 101.00m)).IsAllowed);
    }

    [Fact]
    public void Check_MinimumSize_FloorsNewRiskButExemptsReducingOrders()
    {
        using var f = new RiskFixture().WithDefaults(instrumentLimits: new RiskLimits { MinOrderQuantity = 100m });

        Assert.Equal(RiskReason.BelowMinimumQuantity, f.Check(Buy("o1", 99)).Reason);
        var buy = Buy("o2", 100);
        Assert.True(f.Check(buy).IsAllowed);
        f.Filled(buy);

        Assert.True(f.Check(Sell("s1", 50)).IsAllowed);
        Assert.Equal(RiskReason.BelowMinimumQuantity, f.Check(Sell("s2", 51)).Reason);
    }

    [Fact]
    public void Check_TickAndLotSize_RefuseOffGridValues()
    {
        using var f = new RiskFixture();
        f.Book.DefineInstrument(new Instrument("AAPL", "USD", 0.05m, 10m) { DailyVolatility = 0.02m });
        f.Book.DefineAccount(new TradingAccount("acct-1", 1_000_000m));
        f.Quote("AAPL", 99.95m, 100.05m);

        Assert.True(f.Check(Buy("o1", 10, 100.05m)).IsAllowed);
        Assert.Equal(RiskReason.InvalidTickSize, f.Check(Buy("o2", 10, 100.01m)).Reason);
        Assert.Equal(RiskReason.InvalidLotSize, f.Check(Buy("o3", 15, 100.00m)).Reason);
    }

    [Fact]
    public void Check_RestrictedInstrument_IsDenied()
    {
        using var f = new RiskFixture(o => o.RestrictedInstruments.Add("GME")).WithDefaults();
        f.Book.DefineInstrument(new Instrument("GME", "USD", 0.01m, 1m) { DailyVolatility = 0.05m });
        f.Quote("GME", 19.99m, 20.01m);

        Assert.Equal(RiskReason.RestrictedInstrument, f.Check(Buy("o1", 1, 20.00m, instrument: "GME")).Reason);
        f.Book.SetRestricted("AAPL", true);
        Assert.Equal(RiskReason.RestrictedInstrument, f.Check(Buy("o2", 1)).Reason);
        f.Book.SetRestricted("AAPL", false);
        Assert.True(f.Check(Buy("o3", 1)).IsAllowed);
    }

    [Fact]
    public void Check_MissingData_FailsClosed()
    {
        using var f = new RiskFixture().WithDefaults();
        f.Book.DefineInstrument(new Instrument("NOQ", "USD", 0.01m, 1m) { DailyVolatility = 0.02m });
        f.Book.DefineInstrument(new Instrument("EURX", "EUR", 0.01m, 1m) { DailyVolatility = 0.02m });
        f.Quote("EURX", 9.99m, 10.01m);

        Assert.Equal(RiskReason.UnknownAccount, f.Check(Buy("o1", 1, account: "nobody")).Reason);
        Assert.Equal(RiskReason.UnknownInstrument, f.Check(Buy("o2", 1, instrument: "ZZZ")).Reason);
        Assert.Equal(RiskReason.NoReferencePrice, f.Check(Buy("o3", 1, instrument: "NOQ")).Reason);
        Assert.Equal(RiskReason.CurrencyMismatch, f.Check(Buy("o4", 1, 10.00m, instrument: "EURX")).Reason);
    }

    [Fact]
    public void Check_StalePrice_EqualAgePassesOneTickOlderFails()
    {
        using var f = new RiskFixture().WithDefaults();

        f.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(f.Check(Buy("o1", 1)).IsAllowed);
        f.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(RiskReason.StalePrice, f.Check(Buy("o2", 1)).Reason);
    }

    [Fact]
    public void Check_MarketOrderWithoutFarTouch_FailsClosed()
    {
        using var f = new RiskFixture().WithDefaults();
        f.Book.UpdateMarketData("AAPL", new MarketQuote(99.99m, null, 100.00m, f.Time.GetUtcNow()));

        Assert.Equal(RiskReason.NoReferencePrice, f.Check(Buy("o1", 1, price: null)).Reason);
        Assert.True(f.Check(Sell("o2", 1, price: null)).IsAllowed);
    }

    [Fact]
    public void Check_HeldInstrumentWithoutMark_DeniesNewRisk()
    {
        using var f = new RiskFixture().WithDefaults();
        f.Book.DefineInstrument(new Instrument("NOQ", "USD", 0.01m, 1m) { DailyVolatility = 0.02m });
        f.Gate.OnFill(new Fill("acct-1", "NOQ", OrderSide.Buy, 10m, 5.00m));

        Assert.Equal(RiskReason.NoReferencePrice, f.Check(Buy("o1", 1)).Reason);
    }

    [Fact]
    public void Check_MalformedOrders_AreInvalid()
    {
        using var f = new RiskFixture().WithDefaults();

        Assert.Equal(RiskReason.InvalidOrder, f.Check(default).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Check(Buy("o1", 0)).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Check(Buy("o1", -5)).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Check(Buy("", 1)).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Check(Buy("o1", 1) with { LimitPrice = null }).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Check(Buy("o1", 1, -1m)).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Check(Buy("o1", 1) with { Side = (OrderSide)7 }).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Check(Buy("o1", 1) with { Type = (OrderType)7 }).Reason);
        Assert.Equal(8, f.Events.OfType(SecurityEventTypes.OrderDenied).Count);
    }

    [Fact]
    public void Check_HugeValues_DenyWithoutOverflow()
    {
        using var f = new RiskFixture().WithDefaults();

        Assert.Equal(RiskReason.MaxOrderQuantity, f.Check(Buy("o1", decimal.MaxValue)).Reason);
        Assert.Equal(RiskReason.PriceCollar, f.Check(Buy("o2", 1, 79_228_162_514_264_337_593_543_950.33m)).Reason);
    }

    [Fact]
    public void Check_DuplicateOpenOrderId_IsDenied()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.True(f.Check(Buy("o1", 1)).IsAllowed);
        Assert.Equal(RiskReason.UnknownOrDuplicateOrderId, f.Check(Buy("o1", 1)).Reason);
    }

    [Fact]
    public void Check_ReduceOnlyFlag_RefusesAnOrderThatWouldAddRisk()
    {
        using var f = new RiskFixture().WithDefaults();
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 100m, 100.00m));

        Assert.Equal(RiskReason.ReduceOnly, f.Check(Buy("o1", 1) with { ReduceOnly = true }).Reason);
        Assert.True(f.Check(Sell("o2", 100) with { ReduceOnly = true }).IsAllowed);
        Assert.Equal(RiskReason.ReduceOnly, f.Check(Sell("o3", 1) with { ReduceOnly = true }).Reason);
    }

    [Fact]
    public void Check_LimitLevels_TheTightestAppliesAndNoneLoosens()
    {
        using var f = new RiskFixture().WithDefaults(
            nav: 100_000_000m,
            accountLimits: new RiskLimits { MaxOrderQuantity = 5_000_000m },
            instrumentLimits: new RiskLimits { MaxOrderQuantity = 800m });
        f.Book.SetStrategyLimits("momentum", new RiskLimits { MaxOrderQuantity = 300m });

        // The account's 5,000,000 does not loosen the global 1,000,000; the instrument's 800 tightens it.
        Assert.Equal(800m, f.Check(Buy("o1", 801)).Limit);
        Assert.True(f.Check(Buy("o2", 800)).IsAllowed);
        var strategy = f.Check(Buy("o3", 301) with { Strategy = "momentum" });
        Assert.Equal(RiskReason.MaxOrderQuantity, strategy.Reason);
        Assert.Equal(300m, strategy.Limit);
        Assert.True(f.Check(Buy("o4", 300) with { Strategy = "momentum" }).IsAllowed);
    }

    [Fact]
    public void Check_TradingStates_HaltAndReduceOnlyApplyPerScope()
    {
        using var f = new RiskFixture().WithDefaults();
        var risk = Person("risk-officer");
        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 100m, 100.00m));

        Assert.True(f.States.SetState(KillSwitchScope.ForStrategy("momentum"), TradingState.Halted, risk, "model drift"));
        Assert.Equal(RiskReason.TradingHalted, f.Check(Buy("o1", 1) with { Strategy = "momentum" }).Reason);
        Assert.True(f.Check(Buy("o2", 1) with { Strategy = "other" }).IsAllowed);

        Assert.True(f.States.SetState(KillSwitchScope.Global, TradingState.ReduceOnly, risk, "market stress"));
        Assert.Equal(RiskReason.ReduceOnly, f.Check(Buy("o3", 1)).Reason);
        Assert.True(f.Check(Sell("o4", 50, 100.01m)).IsAllowed);
    }

    [Fact]
    public void OnFill_ReleasesTheReservationByTheFilledQuantity()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.True(f.Check(Buy("o1", 100)).IsAllowed);

        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 40m, 100.00m, "o1"));
        var p = f.Book.GetPosition("acct-1", "AAPL");
        Assert.Equal(40m, p.Quantity);
        Assert.Equal(60m, p.OpenBuyQuantity);

        f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 60m, 100.00m, "o1"));
        Assert.Empty(f.Book.GetOpenOrders("acct-1"));
        Assert.Equal(0m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
        Assert.False(f.Gate.OnOrderCancelled("acct-1", "o1"));
    }

    [Fact]
    public void OnOrderCancelledAndRejected_ReleaseReservations()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.True(f.Check(Buy("o1", 100)).IsAllowed);
        Assert.True(f.Check(Buy("o2", 50)).IsAllowed);

        Assert.True(f.Gate.OnOrderCancelled("acct-1", "o1", 30m));
        Assert.Equal(120m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
        Assert.True(f.Gate.OnOrderRejected("acct-1", "o2"));
        Assert.True(f.Gate.OnOrderCancelled("acct-1", "o1"));
        Assert.Equal(0m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
        Assert.False(f.Gate.OnOrderRejected("acct-1", "o2"));
        Assert.False(f.Gate.OnOrderRejected("nobody", "o2"));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Gate.OnOrderCancelled("acct-1", "o1", 0m));
    }

    [Fact]
    public void CheckAmend_IsCheckedAsAReplacementOfTheOriginal()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.True(f.Check(Buy("o1", 600)).IsAllowed);
        Assert.True(f.Check(Buy("o2", 300)).IsAllowed);

        // 300 + 700 = 1,000 shares = 100,000: equal passes; 701 fails.
        Assert.Equal(RiskReason.PositionLimit, f.Gate.CheckAmend("acct-1", "o1", 701m, 100.00m).Reason);
        Assert.True(f.Gate.CheckAmend("acct-1", "o1", 700m, 100.00m).IsAllowed);
        Assert.Equal(1000m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
        Assert.Equal(RiskReason.PriceCollar, f.Gate.CheckAmend("acct-1", "o1", 700m, 105.01m).Reason);
        Assert.Equal(RiskReason.UnknownOrDuplicateOrderId, f.Gate.CheckAmend("acct-1", "zz", 1m, 100.00m).Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Gate.CheckAmend("acct-1", "o1", 0m, 100.00m).Reason);
    }

    [Fact]
    public void CheckCancel_UnknownOrderOrAccount_IsDenied()
    {
        using var f = new RiskFixture().WithDefaults();

        Assert.Equal(RiskReason.UnknownOrDuplicateOrderId, f.Gate.CheckCancel("acct-1", "nope").Reason);
        Assert.Equal(RiskReason.UnknownAccount, f.Gate.CheckCancel("nobody", "nope").Reason);
        Assert.Equal(RiskReason.InvalidOrder, f.Gate.CheckCancel("", "nope").Reason);
    }

    [Fact]
    public async Task CheckCancel_IsAllowedUnderTheKillSwitch()
    {
        using var f = new RiskFixture().WithDefaults();
        Assert.True(f.Check(Buy("o1", 1)).IsAllowed);
        await f.States.EngageAsync(KillSwitchScope.Global, "ops", "test");

        Assert.True(f.Gate.CheckCancel("acct-1", "o1").IsAllowed);
    }

    [Fact]
    public void OnFill_BadInput_ThrowsTypedErrors()
    {
        using var f = new RiskFixture().WithDefaults();

        Assert.Throws<ArgumentException>(() => f.Gate.OnFill(default));
        Assert.Throws<ArgumentException>(() => f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 0m, 1m)));
        Assert.Throws<ArgumentException>(() => f.Gate.OnFill(new Fill("acct-1", "AAPL", OrderSide.Buy, 1m, -1m)));
        Assert.Throws<KeyNotFoundException>(() => f.Gate.OnFill(new Fill("nobody", "AAPL", OrderSide.Buy, 1m, 1m)));
        Assert.Throws<KeyNotFoundException>(() => f.Gate.OnFill(new Fill("acct-1", "ZZZ", OrderSide.Buy, 1m, 1m)));
        Assert.Equal(0m, f.Book.GetPosition("acct-1", "AAPL").Quantity);
    }

    [Fact]
    public void Check_Denial_PublishesOrderDeniedWithoutOrderValues()
    {
        using var f = new RiskFixture().WithDefaults();

        f.Check(Buy("o1", 1, 200.00m) with { Strategy = "momentum" });

        var e = Assert.Single(f.Events.OfType(SecurityEventTypes.OrderDenied));
        Assert.Equal(SecurityOutcome.Denied, e.Outcome);
        Assert.Equal("price_collar", e.GetProperty("reason"));
        Assert.Equal("acct-1", e.GetProperty("account"));
        Assert.Equal("AAPL", e.GetProperty("instrument"));
        Assert.Equal("order/o1", e.Resource);
        Assert.Equal("momentum", e.Actor);
        Assert.DoesNotContain(e.Properties.Values, v => v.Contains("200", StringComparison.Ordinal));
    }

    [Fact]
    public void GetStatistics_CountsChecksAndDenialsByReason()
    {
        using var f = new RiskFixture().WithDefaults();
        f.Check(Buy("o1", 1));
        f.Check(Buy("o2", 1, 200.00m));
        f.Check(Buy("o3", 1, 1.00m));
        f.Check(Buy("o4", 1, account: "nobody"));
        f.Gate.CheckCancel("acct-1", "o1");

        var s = f.Gate.GetStatistics();
        Assert.Equal(4, s.OrdersChecked);
        Assert.Equal(1, s.OrdersAllowed);
        Assert.Equal(3, s.OrdersDenied);
        Assert.Equal(2, s.DenialsByReason[RiskReason.PriceCollar]);
        Assert.Equal(1, s.DenialsByReason[RiskReason.UnknownAccount]);
        Assert.Equal(1, s.CancelsChecked);
        Assert.Equal(0, s.CancelsDenied);
        Assert.False(s.DenialsByReason.ContainsKey(RiskReason.None));
    }

    [Fact]
    public async Task Check_ConcurrentOrdersOfOneAccount_NeverReserveBeyondTheLimit()
    {
        // 1,000 shares fit under the position limit; 16 threads race 100 orders of 20 shares each.
        using var f = new RiskFixture(o =>
        {
            o.Limits.MaxOrdersPerWindow = 10_000;
            o.Limits.MaxMessagesPerWindow = 10_000;
            o.Limits.MaxOpenOrders = 10_000;
        }).WithDefaults();

        var allowed = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                if (f.Check(Buy($"t{t}-{i}", 20)).IsAllowed)
                {
                    Interlocked.Increment(ref allowed);
                }
            }
        })));

        Assert.Equal(50, allowed);
        Assert.Equal(1000m, f.Book.GetPosition("acct-1", "AAPL").OpenBuyQuantity);
    }
}
