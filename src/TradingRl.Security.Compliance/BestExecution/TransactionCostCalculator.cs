namespace TradingRl.Security.Compliance;

/// <summary>Transaction-cost figures in exact decimal arithmetic: arrival slippage, effective spread, implementation shortfall.</summary>
/// <remarks>Every figure is a cost: positive when worse than the benchmark (see <see cref="ExecutionQuality"/> for the formulas).</remarks>
public static class TransactionCostCalculator
{
    private const decimal BasisPoints = 10_000m;

    /// <summary>Returns the slippage of a fill against the arrival price, in basis points: s x (fill - arrival) / arrival x 10,000.</summary>
    /// <param name="side">The order's side.</param>
    /// <param name="fillPrice">The fill price.</param>
    /// <param name="arrivalPrice">The arrival price; positive.</param>
    /// <returns>The slippage; positive is a cost.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The arrival price is not positive or the side is undefined.</exception>
    public static decimal ArrivalSlippageBps(MarketSide side, decimal fillPrice, decimal arrivalPrice)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(arrivalPrice);
        return Sign(side) * (fillPrice - arrivalPrice) * BasisPoints / arrivalPrice;
    }

    /// <summary>Returns the effective spread of a fill in price units: 2 x s x (fill - mid).</summary>
    /// <param name="side">The order's side.</param>
    /// <param name="fillPrice">The fill price.</param>
    /// <param name="midPrice">The mid price at the fill.</param>
    /// <returns>The effective spread; positive is a cost.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The side is undefined.</exception>
    public static decimal EffectiveSpread(MarketSide side, decimal fillPrice, decimal midPrice) =>
        2m * Sign(side) * (fillPrice - midPrice);

    /// <summary>Returns the effective spread of a fill in basis points of the mid price: 2 x s x (fill - mid) / mid x 10,000.</summary>
    /// <param name="side">The order's side.</param>
    /// <param name="fillPrice">The fill price.</param>
    /// <param name="midPrice">The mid price at the fill; positive.</param>
    /// <returns>The effective spread; positive is a cost.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The mid price is not positive or the side is undefined.</exception>
    public static decimal EffectiveSpreadBps(MarketSide side, decimal fillPrice, decimal midPrice)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(midPrice);
        return EffectiveSpread(side, fillPrice, midPrice) * BasisPoints / midPrice;
    }

    /// <summary>Returns the implementation shortfall of an order (Perold): execution cost of the filled part, opportunity cost of the unfilled part, and fees.</summary>
    /// <param name="side">The order's side.</param>
    /// <param name="decisionPrice">The price when the order was decided (arrival price).</param>
    /// <param name="fills">The fills as (price, quantity) pairs; quantities positive.</param>
    /// <param name="unfilledQuantity">The quantity never filled (0 for a complete order).</param>
    /// <param name="endPrice">The price the unfilled quantity is valued at (e.g. the close); ignored when nothing is unfilled.</param>
    /// <param name="fees">The explicit costs.</param>
    /// <returns>s x Σ (price - decision) x quantity + s x (end - decision) x unfilled + fees, in money; positive is a cost.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A quantity is not positive, the unfilled quantity is negative, or the side is undefined.</exception>
    public static decimal ImplementationShortfall(
        MarketSide side,
        decimal decisionPrice,
        ReadOnlySpan<(decimal Price, decimal Quantity)> fills,
        decimal unfilledQuantity,
        decimal endPrice,
        decimal fees)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unfilledQuantity);
        var s = Sign(side);
        var execution = 0m;
        foreach (var (price, quantity) in fills)
        {
            if (quantity <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(fills), quantity, "Every fill quantity must be positive.");
            }

            execution += (price - decisionPrice) * quantity;
        }

        var opportunity = unfilledQuantity == 0 ? 0m : (endPrice - decisionPrice) * unfilledQuantity;
        return (s * (execution + opportunity)) + fees;
    }

    /// <summary>Computes every figure of one fill.</summary>
    /// <param name="fill">The fill.</param>
    /// <param name="outlierThresholdBps">The slippage beyond which the fill is an outlier (equal is not).</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ArgumentException">The fill is malformed (see <see cref="FillRecord"/>).</exception>
    public static ExecutionQuality Measure(in FillRecord fill, decimal outlierThresholdBps)
    {
        Validate(fill);
        var s = Sign(fill.Side);
        var mid = fill.ExecutionMidPrice ?? fill.ArrivalPrice;
        var slippage = s * (fill.FillPrice - fill.ArrivalPrice) * BasisPoints / fill.ArrivalPrice;
        var spread = 2m * s * (fill.FillPrice - mid);
        var shortfall = (s * (fill.FillPrice - fill.ArrivalPrice) * fill.Quantity) + fill.Fees;
        return new ExecutionQuality(
            slippage,
            spread,
            spread * BasisPoints / mid,
            shortfall,
            shortfall * BasisPoints / (fill.ArrivalPrice * fill.Quantity),
            fill.FillPrice * fill.Quantity,
            slippage > outlierThresholdBps);
    }

    internal static void Validate(in FillRecord fill)
    {
        CheckIdentifier(fill.FillId, nameof(FillRecord.FillId), required: true);
        CheckIdentifier(fill.OrderId, nameof(FillRecord.OrderId), required: false);
        CheckIdentifier(fill.Strategy, nameof(FillRecord.Strategy), required: true);
        CheckIdentifier(fill.Instrument, nameof(FillRecord.Instrument), required: true);
        CheckIdentifier(fill.Venue, nameof(FillRecord.Venue), required: true);
        if (!Enum.IsDefined(fill.Side))
        {
            throw new ArgumentException($"FillRecord.Side {(int)fill.Side} is not a defined MarketSide.", nameof(fill));
        }

        if (fill.Quantity <= 0 || fill.FillPrice <= 0 || fill.ArrivalPrice <= 0 || fill.ExecutionMidPrice <= 0)
        {
            throw new ArgumentException("FillRecord.Quantity, FillPrice, ArrivalPrice and ExecutionMidPrice (when given) must be positive.", nameof(fill));
        }
    }

    private static void CheckIdentifier(string? value, string member, bool required)
    {
        if ((value is null && required) || (value is not null && (value.Length == 0 || value.Length > FillRecord.MaxIdentifierLength)))
        {
            throw new ArgumentException($"FillRecord.{member} must be {(required ? string.Empty : "null or ")}1 to {FillRecord.MaxIdentifierLength} characters long.", member);
        }
    }

    private static decimal Sign(MarketSide side) => side switch
    {
        MarketSide.Buy => 1m,
        MarketSide.Sell => -1m,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Unknown side."),
    };
}
