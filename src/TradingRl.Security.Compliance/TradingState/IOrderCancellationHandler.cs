namespace TradingRl.Security.Compliance;

/// <summary>The host's order gateway, called back to cancel open orders when the kill switch is engaged.</summary>
/// <remarks>
/// The host must register one: <c>AddCompliance()</c> refuses to start without it, because a kill switch that cannot cancel
/// resting orders leaves the market exposed. The gate keeps an order's reservation until the host reports the cancel through
/// <see cref="PreTradeRiskGate.OnOrderCancelled(string, string, decimal?)"/>.
/// </remarks>
public interface IOrderCancellationHandler
{
    /// <summary>Asks the venue to cancel one open order.</summary>
    /// <param name="order">The open order.</param>
    /// <param name="reason">Why, e.g. the kill switch's reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the cancel request is sent.</returns>
    ValueTask RequestCancelAsync(OpenOrder order, string reason, CancellationToken cancellationToken = default);
}
