namespace TradingRl.Security.Compliance;

/// <summary>A new order as the pre-trade risk gate sees it.</summary>
/// <remarks>
/// A value passed by <see langword="in"/> reference; it holds only references the caller already owns, so checking it allocates nothing.
/// Prices and quantities are <see cref="decimal"/>: exact, never binary floating point.
/// </remarks>
public readonly record struct OrderRequest
{
    /// <summary>Initializes an order.</summary>
    /// <param name="orderId">The client order id, unique among the account's open orders.</param>
    /// <param name="account">The trading account.</param>
    /// <param name="instrument">The instrument symbol.</param>
    /// <param name="side">Buy or sell.</param>
    /// <param name="type">Limit or market.</param>
    /// <param name="quantity">The quantity, in units of the instrument; more than zero.</param>
    /// <param name="limitPrice">The limit price; required for limit orders, ignored for market orders.</param>
    public OrderRequest(string orderId, string account, string instrument, OrderSide side, OrderType type, decimal quantity, decimal? limitPrice = null)
    {
        OrderId = orderId;
        Account = account;
        Instrument = instrument;
        Side = side;
        Type = type;
        Quantity = quantity;
        LimitPrice = limitPrice;
    }

    /// <summary>Gets the client order id.</summary>
    public string OrderId { get; init; }

    /// <summary>Gets the trading account.</summary>
    public string Account { get; init; }

    /// <summary>Gets the instrument symbol.</summary>
    public string Instrument { get; init; }

    /// <summary>Gets the side.</summary>
    public OrderSide Side { get; init; }

    /// <summary>Gets the order type.</summary>
    public OrderType Type { get; init; }

    /// <summary>Gets the quantity.</summary>
    public decimal Quantity { get; init; }

    /// <summary>Gets the limit price, for limit orders.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>Gets the strategy (agent) that sent the order, when known.</summary>
    public string? Strategy { get; init; }

    /// <summary>Gets the trader or algorithm id responsible for the order, when known.</summary>
    public string? Trader { get; init; }

    /// <summary>Gets a value indicating whether the order may only reduce the position; such an order that would increase it is denied.</summary>
    public bool ReduceOnly { get; init; }
}
