namespace TradingRl.Security.Compliance;

/// <summary>The market-abuse pattern a surveillance alert reports.</summary>
public enum SurveillanceAlertKind
{
    /// <summary>The same beneficial owner on both sides of a trade, or of a matching buy and sell.</summary>
    WashTrade = 0,

    /// <summary>Orders on one side cancelled soon after an execution on the other side.</summary>
    Spoofing = 1,

    /// <summary>Spoofing with the cancelled orders spread over several price levels.</summary>
    Layering = 2,

    /// <summary>Too many order messages per execution.</summary>
    ExcessiveOrderToTradeRatio = 3,

    /// <summary>Too many orders cancelled in full per order added.</summary>
    ExcessiveCancelRatio = 4,

    /// <summary>A burst of order messages in a short window.</summary>
    QuoteStuffing = 5,

    /// <summary>Aggressive trading in the last minutes that moved the closing price.</summary>
    MarkingTheClose = 6,
}
