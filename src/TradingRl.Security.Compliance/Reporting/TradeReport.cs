namespace TradingRl.Security.Compliance;

/// <summary>A regulatory trade report: the fields a regulator needs to reconstruct one execution.</summary>
/// <remarks>Check it with <see cref="TradeReportValidator.Validate"/>; <see cref="TradeReporter.ReportAsync"/> refuses an invalid one.</remarks>
public sealed record TradeReport
{
    /// <summary>Gets the unique trade id (the venue's execution id).</summary>
    public required string TradeId { get; init; }

    /// <summary>Gets the execution time; must be in UTC (offset zero).</summary>
    public required DateTimeOffset ExecutionTime { get; init; }

    /// <summary>Gets the clock the execution time comes from, e.g. <c>PTP</c>, <c>NTP</c>, <c>GPS</c> or <c>venue</c> (MiFID II RTS 25 traceability).</summary>
    public required string ClockSource { get; init; }

    /// <summary>Gets the instrument symbol or ISIN.</summary>
    public required string Instrument { get; init; }

    /// <summary>Gets the side of the reporting account.</summary>
    public required OrderSide Side { get; init; }

    /// <summary>Gets the executed quantity; more than zero.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>Gets the execution price; more than zero.</summary>
    public required decimal Price { get; init; }

    /// <summary>Gets the ISO 4217 price currency, three upper-case letters.</summary>
    public required string Currency { get; init; }

    /// <summary>Gets the execution venue's ISO 10383 MIC, four upper-case letters or digits (e.g. <c>XNAS</c>; <c>XOFF</c> off venue).</summary>
    public required string Venue { get; init; }

    /// <summary>Gets the order type.</summary>
    public required OrderType OrderType { get; init; }

    /// <summary>Gets the trading account.</summary>
    public required string Account { get; init; }

    /// <summary>Gets the person responsible for the trade, when a person decided it.</summary>
    public string? TraderId { get; init; }

    /// <summary>Gets the algorithm (agent) responsible for the trade, when an algorithm decided it; one of trader and algorithm is required.</summary>
    public string? AlgorithmId { get; init; }

    /// <summary>Gets the reporting regime whose deadline applies; <see langword="null"/> for the default regime.</summary>
    public string? Regime { get; init; }
}
