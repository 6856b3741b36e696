namespace TradingRl.Security;

/// <summary>The kinds of data the seed classifies (section 3.2).</summary>
public enum TradingDataCategory
{
    /// <summary>Market data: internal.</summary>
    MarketData = 0,

    /// <summary>Order data: confidential.</summary>
    OrderData = 1,

    /// <summary>Position data: confidential.</summary>
    PositionData = 2,

    /// <summary>Profit and loss: restricted.</summary>
    ProfitAndLoss = 3,

    /// <summary>Configuration: internal.</summary>
    Configuration = 4,

    /// <summary>Logs: internal.</summary>
    Logs = 5,

    /// <summary>User data: confidential.</summary>
    UserData = 6,

    /// <summary>Security data (keys, secrets, credentials): restricted.</summary>
    SecurityData = 7,
}
