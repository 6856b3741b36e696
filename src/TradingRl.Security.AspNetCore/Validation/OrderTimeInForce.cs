namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>How long an order stays working: JSON <c>"day"</c>, <c>"gtc"</c>, <c>"ioc"</c> or <c>"fok"</c>.</summary>
public enum OrderTimeInForce
{
    /// <summary>Until the end of the trading day (the default when the field is absent).</summary>
    Day = 1,

    /// <summary>Good till cancelled.</summary>
    GoodTillCancelled = 2,

    /// <summary>Immediate or cancel.</summary>
    ImmediateOrCancel = 3,

    /// <summary>Fill or kill.</summary>
    FillOrKill = 4,
}
