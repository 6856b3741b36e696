namespace TradingRl.Security.Compliance;

/// <summary>One order event cited by a surveillance alert.</summary>
/// <param name="Kind">What happened to the order.</param>
/// <param name="Timestamp">When.</param>
/// <param name="OrderId">The order id (0 when unknown).</param>
/// <param name="Account">The account, or <see langword="null"/> for anonymous flow.</param>
/// <param name="Side">The order's side.</param>
/// <param name="Price">The price of the event.</param>
/// <param name="Quantity">The quantity of the event.</param>
public readonly record struct SurveillanceEvidence(
    MarketEventKind Kind,
    DateTimeOffset Timestamp,
    long OrderId,
    string? Account,
    MarketSide Side,
    decimal Price,
    decimal Quantity)
{
    internal static SurveillanceEvidence From(in MarketEvent e, DateTimeOffset at) =>
        new(e.Kind, at, e.OrderId, e.Account, e.Side, e.Price, e.Quantity);
}
