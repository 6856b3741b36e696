namespace TradingRl.Security.Compliance;

/// <summary>The cost figures of one fill.</summary>
/// <remarks>
/// Sign convention: every figure is a cost, positive when the fill was worse for the order than its benchmark and
/// negative when it was better. With s = +1 for a buy and -1 for a sell:
/// slippage = s x (fill - arrival) / arrival x 10,000 bps;
/// effective spread = 2 x s x (fill - mid) in price units, and / mid x 10,000 in bps;
/// implementation shortfall = s x (fill - arrival) x quantity + fees in money, and / (arrival x quantity) x 10,000 in bps.
/// Computed in <see cref="decimal"/>; a division that does not terminate is rounded to 28 significant digits.
/// </remarks>
/// <param name="ArrivalSlippageBps">The slippage against the arrival price, in basis points.</param>
/// <param name="EffectiveSpread">The effective spread in price units.</param>
/// <param name="EffectiveSpreadBps">The effective spread in basis points of the mid price.</param>
/// <param name="ImplementationShortfall">The implementation shortfall in money (price currency).</param>
/// <param name="ImplementationShortfallBps">The implementation shortfall in basis points of the arrival notional.</param>
/// <param name="Notional">The fill price times the quantity.</param>
/// <param name="IsOutlier">Whether the slippage went beyond <see cref="BestExecutionOptions.OutlierThresholdBps"/>.</param>
public readonly record struct ExecutionQuality(
    decimal ArrivalSlippageBps,
    decimal EffectiveSpread,
    decimal EffectiveSpreadBps,
    decimal ImplementationShortfall,
    decimal ImplementationShortfallBps,
    decimal Notional,
    bool IsOutlier);
