namespace TradingRl.Security.Compliance.Tests;

public sealed class TransactionCostCalculatorTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    internal static FillRecord Fill(MarketSide side, decimal quantity, decimal fill, decimal arrival, decimal? mid = null, decimal fees = 0m, string id = "f1") => new()
    {
        FillId = id,
        Strategy = "rl-1",
        Instrument = "XYZ",
        Venue = "XNAS",
        Side = side,
        Quantity = quantity,
        FillPrice = fill,
        ArrivalPrice = arrival,
        ExecutionMidPrice = mid,
        Fees = fees,
        ExecutedAt = At,
    };

    [Theory]
    [InlineData(MarketSide.Buy, "100.05", "100.00", "5")]
    [InlineData(MarketSide.Sell, "99.95", "100.00", "5")]
    [InlineData(MarketSide.Buy, "99.98", "100.00", "-2")]
    [InlineData(MarketSide.Sell, "100.50", "100.00", "-50")]
    public void ArrivalSlippageBps_HandComputed_IsCostPositive(MarketSide side, string fill, string arrival, string expected)
    {
        Assert.Equal(D(expected), TransactionCostCalculator.ArrivalSlippageBps(side, D(fill), D(arrival)));
    }

    [Fact]
    public void ArrivalSlippageBps_NonTerminatingDivision_IsDecimalExact()
    {
        // (4 - 3) / 3 x 10,000 = 3,333.33... to decimal's 28 significant digits.
        Assert.Equal(3333.3333333333333333333333333m, TransactionCostCalculator.ArrivalSlippageBps(MarketSide.Buy, 4m, 3m));
    }

    [Fact]
    public void EffectiveSpread_BuyAboveMid_TwiceTheDistance()
    {
        Assert.Equal(0.06m, TransactionCostCalculator.EffectiveSpread(MarketSide.Buy, 100.03m, 100.00m));
        Assert.Equal(6m, TransactionCostCalculator.EffectiveSpreadBps(MarketSide.Buy, 100.03m, 100.00m));
        Assert.Equal(-0.06m, TransactionCostCalculator.EffectiveSpread(MarketSide.Sell, 100.03m, 100.00m));
    }

    [Fact]
    public void ImplementationShortfall_PartlyFilledBuy_ExecutionPlusOpportunityPlusFees()
    {
        // 0.10 x 300 + 0.20 x 200 = 70 execution cost; 0.50 x 500 = 250 opportunity cost; 5 fees.
        var shortfall = TransactionCostCalculator.ImplementationShortfall(
            MarketSide.Buy, 20.00m, [(20.10m, 300m), (20.20m, 200m)], 500m, 20.50m, 5m);

        Assert.Equal(325m, shortfall);
    }

    [Fact]
    public void ImplementationShortfall_SellFilledBelowDecision_IsCost()
    {
        Assert.Equal(40m, TransactionCostCalculator.ImplementationShortfall(MarketSide.Sell, 50m, [(49.80m, 200m)], 0m, 0m, 0m));
    }

    [Fact]
    public void Measure_BuyWithFees_EveryFigureHandComputed()
    {
        var q = TransactionCostCalculator.Measure(Fill(MarketSide.Buy, 200m, 50.10m, 50.00m, mid: 50.05m, fees: 1.50m), 50m);

        Assert.Equal(20m, q.ArrivalSlippageBps);
        Assert.Equal(0.10m, q.EffectiveSpread);
        Assert.Equal(0.10m * 10_000m / 50.05m, q.EffectiveSpreadBps);
        Assert.Equal(21.5m, q.ImplementationShortfall);
        Assert.Equal(21.5m, q.ImplementationShortfallBps);
        Assert.Equal(10_020m, q.Notional);
        Assert.False(q.IsOutlier);
    }

    [Theory]
    [InlineData("100.50", false)]
    [InlineData("100.5001", true)]
    public void Measure_SlippageAgainstThreshold_EqualIsNotAnOutlier(string fill, bool outlier)
    {
        Assert.Equal(outlier, TransactionCostCalculator.Measure(Fill(MarketSide.Buy, 1m, D(fill), 100m), 50m).IsOutlier);
    }

    public static TheoryData<string> BadFills => ["no id", "empty strategy", "long venue", "empty order id", "side", "zero quantity", "negative price", "zero arrival", "zero mid"];

    [Theory]
    [MemberData(nameof(BadFills))]
    public void Measure_MalformedFill_ThrowsArgumentException(string name)
    {
        var good = Fill(MarketSide.Buy, 1m, 10m, 10m);
        var bad = name switch
        {
            "no id" => good with { FillId = null! },
            "empty strategy" => good with { Strategy = string.Empty },
            "long venue" => good with { Venue = new string('v', FillRecord.MaxIdentifierLength + 1) },
            "empty order id" => good with { OrderId = string.Empty },
            "side" => good with { Side = (MarketSide)5 },
            "zero quantity" => good with { Quantity = 0m },
            "negative price" => good with { FillPrice = -1m },
            "zero arrival" => good with { ArrivalPrice = 0m },
            _ => good with { ExecutionMidPrice = 0m },
        };

        Assert.ThrowsAny<ArgumentException>(() => TransactionCostCalculator.Measure(bad, 50m));
    }

    [Fact]
    public void Calculators_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionCostCalculator.ArrivalSlippageBps(MarketSide.Buy, 1m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionCostCalculator.EffectiveSpreadBps(MarketSide.Buy, 1m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionCostCalculator.EffectiveSpread((MarketSide)9, 1m, 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionCostCalculator.ImplementationShortfall(MarketSide.Buy, 1m, [(1m, 0m)], 0m, 0m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionCostCalculator.ImplementationShortfall(MarketSide.Buy, 1m, [], -1m, 0m, 0m));
    }

    private static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
