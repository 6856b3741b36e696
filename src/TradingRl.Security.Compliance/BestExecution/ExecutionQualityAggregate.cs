namespace TradingRl.Security.Compliance;

/// <summary>The execution quality of a group of fills (a strategy, an instrument, a venue, or all).</summary>
/// <remarks>Money sums assume one price currency per group; the basis-point figures are weighted by arrival notional (arrival price x quantity), so large fills count more.</remarks>
public sealed class ExecutionQualityAggregate
{
    /// <summary>Gets what the group is keyed by.</summary>
    public required ExecutionQualityDimension Dimension { get; init; }

    /// <summary>Gets the strategy, instrument or venue; <c>(all)</c> for the total and <c>(other)</c> for groups beyond the key limit.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the number of fills.</summary>
    public long Fills { get; init; }

    /// <summary>Gets the number of outliers.</summary>
    public long Outliers { get; init; }

    /// <summary>Gets the quantity filled.</summary>
    public decimal Quantity { get; init; }

    /// <summary>Gets the sum of fill price times quantity.</summary>
    public decimal Notional { get; init; }

    /// <summary>Gets the sum of arrival price times quantity.</summary>
    public decimal ArrivalNotional { get; init; }

    /// <summary>Gets the arrival slippage weighted by arrival notional: Σ s(fill - arrival)q / Σ arrival q x 10,000; positive is a cost.</summary>
    public decimal SlippageBps { get; init; }

    /// <summary>Gets the implementation shortfall in money (slippage cost plus fees); positive is a cost.</summary>
    public decimal ImplementationShortfall { get; init; }

    /// <summary>Gets the implementation shortfall in basis points of the arrival notional.</summary>
    public decimal ImplementationShortfallBps { get; init; }

    /// <summary>Gets the mean effective spread of the fills, in basis points.</summary>
    public decimal MeanEffectiveSpreadBps { get; init; }

    /// <summary>Gets the worst (highest) arrival slippage of a single fill, in basis points.</summary>
    public decimal WorstSlippageBps { get; init; }
}
