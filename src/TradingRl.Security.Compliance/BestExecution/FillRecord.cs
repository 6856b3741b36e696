namespace TradingRl.Security.Compliance;

/// <summary>One fill with the prices best-execution monitoring compares it against.</summary>
/// <remarks>Prices and quantities are <see cref="decimal"/>: no binary floating point anywhere in the cost figures.</remarks>
public readonly record struct FillRecord
{
    /// <summary>The longest accepted identifier (fill, order, strategy, instrument, venue).</summary>
    public const int MaxIdentifierLength = 256;

    /// <summary>Gets the fill (execution) id.</summary>
    public required string FillId { get; init; }

    /// <summary>Gets the parent order id, when known.</summary>
    public string? OrderId { get; init; }

    /// <summary>Gets the strategy (agent) that sent the order.</summary>
    public required string Strategy { get; init; }

    /// <summary>Gets the instrument.</summary>
    public required string Instrument { get; init; }

    /// <summary>Gets the venue that executed the fill.</summary>
    public required string Venue { get; init; }

    /// <summary>Gets the side of the order.</summary>
    public required MarketSide Side { get; init; }

    /// <summary>Gets the quantity filled.</summary>
    /// <value>Positive.</value>
    public required decimal Quantity { get; init; }

    /// <summary>Gets the fill price.</summary>
    /// <value>Positive.</value>
    public required decimal FillPrice { get; init; }

    /// <summary>Gets the arrival price: the mid price when the order was decided and sent (the benchmark of slippage and shortfall).</summary>
    /// <value>Positive.</value>
    public required decimal ArrivalPrice { get; init; }

    /// <summary>Gets the mid price at the time of the fill, for the effective spread; the arrival price is used when <see langword="null"/>.</summary>
    /// <value>Positive when given.</value>
    public decimal? ExecutionMidPrice { get; init; }

    /// <summary>Gets the explicit costs of the fill (commissions and fees; a rebate is negative), in the price currency.</summary>
    public decimal Fees { get; init; }

    /// <summary>Gets when the fill happened; its UTC day is the day the fill counts towards.</summary>
    public required DateTimeOffset ExecutedAt { get; init; }
}
