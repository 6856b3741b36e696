namespace TradingRl.Security.Sample.Security;

/// <summary>One account's position and P&amp;L in the snapshot; the money is restricted (P&amp;L) and encrypted field by field as well.</summary>
public sealed record PnlLine
{
    /// <summary>Gets the account.</summary>
    public required string Account { get; init; }

    /// <summary>Gets the instrument.</summary>
    public required string Instrument { get; init; }

    /// <summary>Gets the net position.</summary>
    [TradingData(TradingDataCategory.PositionData)]
    public required decimal Position { get; init; }

    /// <summary>Gets the realised P&amp;L.</summary>
    [TradingData(TradingDataCategory.ProfitAndLoss)]
    public required decimal RealisedPnl { get; init; }

    /// <summary>Gets the unrealised P&amp;L, when a mark is known.</summary>
    [TradingData(TradingDataCategory.ProfitAndLoss)]
    public decimal? UnrealisedPnl { get; init; }
}
