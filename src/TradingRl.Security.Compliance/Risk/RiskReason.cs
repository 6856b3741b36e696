namespace TradingRl.Security.Compliance;

/// <summary>Why the pre-trade risk gate allowed or denied an order, cancel or amendment.</summary>
public enum RiskReason
{
    /// <summary>Allowed: every control passed.</summary>
    None = 0,

    /// <summary>The order is malformed: empty ids, a quantity or price that is not positive, a limit order without a price, or values so large the risk arithmetic leaves the decimal range.</summary>
    InvalidOrder,

    /// <summary>The account is not defined (fail closed).</summary>
    UnknownAccount,

    /// <summary>The instrument is not defined (fail closed).</summary>
    UnknownInstrument,

    /// <summary>The order or cancel names an order id the account has no open order for, or reuses an open order's id.</summary>
    UnknownOrDuplicateOrderId,

    /// <summary>The instrument's currency differs from the account's; no conversion is attempted (fail closed).</summary>
    CurrencyMismatch,

    /// <summary>The kill switch is engaged for the global scope, the account or the strategy.</summary>
    KillSwitchEngaged,

    /// <summary>Trading is halted for the global scope, the account or the strategy.</summary>
    TradingHalted,

    /// <summary>The scope is reduce-only and the order would not reduce the position.</summary>
    ReduceOnly,

    /// <summary>The instrument is on the restricted list.</summary>
    RestrictedInstrument,

    /// <summary>The price is not a whole multiple of the tick size.</summary>
    InvalidTickSize,

    /// <summary>The quantity is not a whole multiple of the lot size.</summary>
    InvalidLotSize,

    /// <summary>There is no reference price (or, for a market order, no far touch) to check against (fail closed).</summary>
    NoReferencePrice,

    /// <summary>The reference price is older than the maximum quote age, or stamped more than that age ahead of the clock (fail closed).</summary>
    StalePrice,

    /// <summary>The instrument has no daily volatility while a VaR limit is set (fail closed).</summary>
    NoRiskData,

    /// <summary>The quantity is below the minimum-size floor (orders that reduce the position are exempt).</summary>
    BelowMinimumQuantity,

    /// <summary>The quantity is above the maximum order quantity.</summary>
    MaxOrderQuantity,

    /// <summary>The notional is above the maximum order notional.</summary>
    MaxOrderNotional,

    /// <summary>The limit price is further from the reference price than the price collar allows.</summary>
    PriceCollar,

    /// <summary>The limit price is further from the period's reference price than the period collar allows.</summary>
    PeriodPriceCollar,

    /// <summary>The order would trade against one of the account's own resting orders.</summary>
    SelfTrade,

    /// <summary>The account would have more open orders than allowed.</summary>
    MaxOpenOrders,

    /// <summary>Position plus open same-side orders plus this order would exceed the position limit.</summary>
    PositionLimit,

    /// <summary>The account's daily loss has reached its limit (the account is now reduce-only) and the order would not reduce the position.</summary>
    DailyLossLimit,

    /// <summary>The account's value at risk would exceed its limit.</summary>
    VarLimit,

    /// <summary>The account has sent the most orders the sliding order-rate window allows; the order is refused, not queued.</summary>
    OrderRateLimit,

    /// <summary>The account has sent the most messages (orders, cancels, amendments) the sliding message-rate window allows.</summary>
    MessageRateLimit,
}
