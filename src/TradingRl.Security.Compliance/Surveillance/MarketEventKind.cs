namespace TradingRl.Security.Compliance;

/// <summary>What happened to an order in the stream the surveillance monitor watches.</summary>
public enum MarketEventKind
{
    /// <summary>A new order was added (submitted and accepted).</summary>
    OrderAdded = 0,

    /// <summary>A resting order's price or quantity was amended.</summary>
    OrderModified = 1,

    /// <summary>Part of a resting order was cancelled; the rest still rests.</summary>
    OrderPartiallyCancelled = 2,

    /// <summary>A resting order was cancelled (deleted) in full.</summary>
    OrderCancelled = 3,

    /// <summary>An order was executed, fully or in part: one trade.</summary>
    OrderExecuted = 4,
}
