namespace TradingRl.Security.Sample.Input;

/// <summary>One best bid and offer at a time.</summary>
public readonly record struct Quote(DateTimeOffset Time, decimal Bid, decimal Ask)
{
    /// <summary>Gets the mid price.</summary>
    public decimal Mid => (Bid + Ask) / 2m;
}
