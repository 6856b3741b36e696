namespace TradingRl.Security.Compliance;

/// <summary>One order or execution event fed to the <see cref="SurveillanceMonitor"/>.</summary>
/// <remarks>
/// <para>An <see cref="MarketEventKind.OrderExecuted"/> event is one trade, reported once, from the point of view of
/// <see cref="Account"/>'s order: <see cref="Side"/> is that order's side, <see cref="IsAggressor"/> tells whether it took
/// liquidity, and <see cref="ContraAccount"/> names the other side when it is known. A trade between two monitored
/// accounts is fed once (the taker's view, with the maker as contra), not twice.</para>
/// <para>An event with no <see cref="Account"/> is anonymous market flow (e.g. a public feed): it feeds the market-wide
/// statistics, the rate detectors (when <see cref="SurveillanceOptions.AlertOnAnonymousFlow"/> is set) and the closing
/// price, but wash-trade, spoofing and marking-the-close alerts need an account.</para>
/// </remarks>
public readonly record struct MarketEvent
{
    /// <summary>The longest accepted instrument, account or owner identifier.</summary>
    public const int MaxIdentifierLength = 256;

    /// <summary>Gets what happened.</summary>
    public required MarketEventKind Kind { get; init; }

    /// <summary>Gets when it happened (exchange or gateway time).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the instrument, e.g. <c>AAPL</c>.</summary>
    public required string Instrument { get; init; }

    /// <summary>Gets the side of the order this event is about.</summary>
    public required MarketSide Side { get; init; }

    /// <summary>Gets the venue's order id; 0 when unknown (e.g. a hidden execution).</summary>
    /// <value>Ids are unique within one monitor, across instruments.</value>
    public long OrderId { get; init; }

    /// <summary>Gets the order's limit price (added, modified), the cancelled order's price, or the execution price.</summary>
    /// <value>0 for a market order; never negative.</value>
    public decimal Price { get; init; }

    /// <summary>Gets the quantity added, the new total after a modification, the quantity cancelled, or the quantity executed.</summary>
    /// <value>Never negative; 0 on a cancel means "whatever was still resting".</value>
    public decimal Quantity { get; init; }

    /// <summary>Gets the trading account that owns the order, or <see langword="null"/> for anonymous market flow.</summary>
    public string? Account { get; init; }

    /// <summary>Gets the beneficial owner of <see cref="Account"/>; when <see langword="null"/> it is looked up in <see cref="SurveillanceOptions.BeneficialOwners"/>, and an unmapped account is its own owner.</summary>
    public string? Owner { get; init; }

    /// <summary>Gets, for an execution, the account on the other side of the trade when known.</summary>
    public string? ContraAccount { get; init; }

    /// <summary>Gets, for an execution, the beneficial owner of <see cref="ContraAccount"/> when known; otherwise resolved like <see cref="Owner"/>.</summary>
    public string? ContraOwner { get; init; }

    /// <summary>Gets a value indicating whether, for an execution, <see cref="Account"/>'s order took liquidity (crossed the spread).</summary>
    /// <value>Default <see langword="false"/>: the order rested and the aggressor was the other side.</value>
    public bool IsAggressor { get; init; }
}
