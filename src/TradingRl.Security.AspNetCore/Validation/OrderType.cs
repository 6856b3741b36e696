namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>The type of an order: JSON <c>"market"</c> or <c>"limit"</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Order type is the domain term.")]
public enum OrderType
{
    /// <summary>A market order: no limit price.</summary>
    Market = 1,

    /// <summary>A limit order: a limit price is required.</summary>
    Limit = 2,
}
