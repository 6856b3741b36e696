namespace TradingRl.Security.Compliance;

/// <summary>The side of an order or fill as surveillance and best-execution monitoring see it.</summary>
public enum MarketSide
{
    /// <summary>A buy order (bid).</summary>
    Buy = 0,

    /// <summary>A sell order (ask).</summary>
    Sell = 1,
}
