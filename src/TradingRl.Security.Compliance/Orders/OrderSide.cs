namespace TradingRl.Security.Compliance;

/// <summary>The side of an order or fill.</summary>
public enum OrderSide
{
    /// <summary>Buys the instrument.</summary>
    Buy = 0,

    /// <summary>Sells the instrument.</summary>
    Sell = 1,
}
