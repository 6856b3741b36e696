namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>The side of an order: JSON <c>"buy"</c> or <c>"sell"</c>.</summary>
public enum OrderSide
{
    /// <summary>Buy.</summary>
    Buy = 1,

    /// <summary>Sell.</summary>
    Sell = 2,
}
