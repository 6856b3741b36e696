namespace TradingRl.Security.Compliance;

/// <summary>How an order is priced.</summary>
public enum OrderType
{
    /// <summary>A limit order: it trades at its limit price or better.</summary>
    Limit = 0,

    /// <summary>A market order: it trades at whatever price is available; the gate prices it at the far touch.</summary>
    Market = 1,
}
