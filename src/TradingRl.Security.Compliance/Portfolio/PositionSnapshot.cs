namespace TradingRl.Security.Compliance;

/// <summary>A point-in-time copy of one account's position in one instrument.</summary>
/// <param name="Account">The account.</param>
/// <param name="Instrument">The instrument symbol.</param>
/// <param name="Quantity">The signed quantity: positive long, negative short.</param>
/// <param name="CostBasis">The sum of entry price x quantity over the open lots (FIFO).</param>
/// <param name="RealisedPnl">P&amp;L realised today, in the quote currency.</param>
/// <param name="UnrealisedPnl">P&amp;L of the open lots at the mark price; <see langword="null"/> when there is no mark.</param>
/// <param name="OpenBuyQuantity">The remaining quantity of resting buy orders.</param>
/// <param name="OpenSellQuantity">The remaining quantity of resting sell orders.</param>
public readonly record struct PositionSnapshot(
    string Account,
    string Instrument,
    decimal Quantity,
    decimal CostBasis,
    decimal RealisedPnl,
    decimal? UnrealisedPnl,
    decimal OpenBuyQuantity,
    decimal OpenSellQuantity);
