namespace TradingRl.Security.Sample.Replay;

/// <summary>Buy or sell.</summary>
public enum OrderSide
{
    /// <summary>Buy.</summary>
    Buy = 1,

    /// <summary>Sell.</summary>
    Sell = -1,
}
