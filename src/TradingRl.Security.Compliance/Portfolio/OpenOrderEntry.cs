namespace TradingRl.Security.Compliance;

/// <summary>A resting order's reservation, stored by value in the account's open-order table (no allocation per order).</summary>
internal struct OpenOrderEntry
{
    public string OrderId;
    public int Hash;
    public PositionState Position;
    public string? Strategy;
    public OrderSide Side;
    public OrderType Type;
    public decimal Remaining;
    public decimal? LimitPrice;
    public DateTimeOffset SentAt;

    public readonly OpenOrder ToPublic(string account) =>
        new(OrderId, account, Position.Instrument.Definition.Symbol, Strategy, Side, Type, Remaining, LimitPrice, SentAt);
}
