namespace TradingRl.Security.Compliance;

/// <summary>An open order as the monitor tracks it: enough to judge later cancellations.</summary>
internal struct TrackedOrder
{
    public string? Account;
    public MarketSide Side;
    public decimal Price;
    public decimal Remaining;
    public long AddedTicks;
}
