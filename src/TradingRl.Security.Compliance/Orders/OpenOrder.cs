namespace TradingRl.Security.Compliance;

/// <summary>An order the gate allowed that is still resting: its remaining quantity counts toward the account's limits.</summary>
/// <param name="OrderId">The client order id.</param>
/// <param name="Account">The trading account.</param>
/// <param name="Instrument">The instrument symbol.</param>
/// <param name="Strategy">The strategy that sent it, when known.</param>
/// <param name="Side">The side.</param>
/// <param name="Type">The order type.</param>
/// <param name="RemainingQuantity">The quantity not yet filled, cancelled or rejected.</param>
/// <param name="LimitPrice">The limit price, for limit orders.</param>
/// <param name="SentAt">When the gate allowed it.</param>
public readonly record struct OpenOrder(
    string OrderId,
    string Account,
    string Instrument,
    string? Strategy,
    OrderSide Side,
    OrderType Type,
    decimal RemainingQuantity,
    decimal? LimitPrice,
    DateTimeOffset SentAt);
