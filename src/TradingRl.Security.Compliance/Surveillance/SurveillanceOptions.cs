using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance;

/// <summary>Thresholds and bounds of the market-abuse detectors run by <see cref="SurveillanceMonitor"/>.</summary>
/// <remarks>A <c>Min...</c> threshold raises an alert when the measure reaches it (equal alerts); a <c>Max...</c> threshold raises one only when the measure goes beyond it (equal passes).</remarks>
public sealed class SurveillanceOptions
{
    /// <summary>Gets the account-to-beneficial-owner map used by the wash-trade detector.</summary>
    /// <value>Empty by default: an unmapped account is its own owner. At most 1,000,000 entries.</value>
    [MaxLength(1_000_000)]
    public Dictionary<string, string> BeneficialOwners { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets how far apart a buy and a sell by the same owner may be to count as a wash trade when the contra account is not known.</summary>
    /// <value>Default 1 s; 0 to 1 day. 0 leaves only wash trades whose contra account is known.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan WashTradeWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how far apart, in basis points, the two prices of a wash-trade pair may be.</summary>
    /// <value>Default 0 (the same price); 0 to 10,000.</value>
    [Range(typeof(decimal), "0", "10000")]
    public decimal WashTradePriceToleranceBps { get; set; }

    /// <summary>Gets or sets how soon after an execution on one side a cancellation on the other side counts towards spoofing.</summary>
    /// <value>Default 2 s; 1 ms to 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SpoofingWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the fewest opposite-side orders that must be cancelled in the window to raise a spoofing alert.</summary>
    /// <value>Default 1; 1 to 1,000.</value>
    [Range(1, 1_000)]
    public int SpoofingMinCancelledOrders { get; set; } = 1;

    /// <summary>Gets or sets the smallest ratio of cancelled opposite-side quantity to executed quantity that raises a spoofing or layering alert.</summary>
    /// <value>Default 5; 0.01 to 1,000,000.</value>
    [Range(typeof(decimal), "0.01", "1000000")]
    public decimal SpoofingMinCancelledToExecutedRatio { get; set; } = 5m;

    /// <summary>Gets or sets the fewest distinct price levels among the cancelled orders that makes the pattern layering.</summary>
    /// <value>Default 3; 2 to 32.</value>
    [Range(2, 32)]
    public int LayeringMinPriceLevels { get; set; } = 3;

    /// <summary>Gets or sets the highest order-to-trade ratio (added, modified and cancelled orders per execution, per account and instrument, per UTC day) that passes.</summary>
    /// <value>Default 100; 1 to 1,000,000.</value>
    [Range(typeof(decimal), "1", "1000000")]
    public decimal MaxOrderToTradeRatio { get; set; } = 100m;

    /// <summary>Gets or sets the highest cancel ratio (orders cancelled in full per order added, per account and instrument, per UTC day) that passes.</summary>
    /// <value>Default 0.95; 0.01 to 1.</value>
    [Range(typeof(decimal), "0.01", "1")]
    public decimal MaxCancelRatio { get; set; } = 0.95m;

    /// <summary>Gets or sets how many orders an account must have added in the day before its ratios are judged.</summary>
    /// <value>Default 100; 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int RatioMinOrders { get; set; } = 100;

    /// <summary>Gets or sets the sliding window over which message bursts (quote stuffing) are counted.</summary>
    /// <value>Default 1 s; 1 ms to 1 hour. A window ending at t holds the events after t minus the window, up to and including t.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan QuoteStuffingWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the most order messages (adds, modifications, cancellations) one account may send for one instrument in a window.</summary>
    /// <value>Default 500; 1 to 100,000.</value>
    [Range(1, 100_000)]
    public int MaxMessagesPerWindow { get; set; } = 500;

    /// <summary>Gets or sets how long before the close aggressive trading is examined for marking the close.</summary>
    /// <value>Default 5 min; 1 s to 2 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan MarkingTheCloseWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the smallest move of the closing price against the last price before the window, in basis points, that is examined.</summary>
    /// <value>Default 50; 0.01 to 10,000.</value>
    [Range(typeof(decimal), "0.01", "10000")]
    public decimal MarkingTheCloseMinPriceMoveBps { get; set; } = 50m;

    /// <summary>Gets or sets the smallest share of the window's traded quantity an account must have taken aggressively, in the direction of the move, to raise an alert.</summary>
    /// <value>Default 0.2; 0.01 to 1.</value>
    [Range(typeof(decimal), "0.01", "1")]
    public decimal MarkingTheCloseMinVolumeShare { get; set; } = 0.2m;

    /// <summary>Gets or sets how soon after its submission a full cancellation counts as fleeting (a statistic, not an alert).</summary>
    /// <value>Default 1 ms; 0 to 1 min.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan FleetingOrderThreshold { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Gets or sets a value indicating whether rate alerts (order-to-trade, cancel ratio, quote stuffing) are raised for anonymous market flow.</summary>
    /// <value>Default <see langword="false"/>: anonymous flow only feeds statistics.</value>
    public bool AlertOnAnonymousFlow { get; set; }

    /// <summary>Gets or sets the most open orders tracked at once; beyond it, orders older than a day are dropped, then new ones go untracked (counted).</summary>
    /// <value>Default 1,000,000; 1,000 to 100,000,000.</value>
    [Range(1_000, 100_000_000)]
    public int MaxTrackedOrders { get; set; } = 1_000_000;

    /// <summary>Gets or sets the most account-and-instrument (and owner-and-instrument) pairs tracked at once; beyond it, new pairs go unmonitored (counted).</summary>
    /// <value>Default 100,000; 10 to 10,000,000.</value>
    [Range(10, 10_000_000)]
    public int MaxTrackedKeys { get; set; } = 100_000;

    /// <summary>Gets or sets how many recent alerts the monitor keeps for <see cref="SurveillanceMonitor.GetRecentAlerts"/>.</summary>
    /// <value>Default 1,000; 0 to 100,000.</value>
    [Range(0, 100_000)]
    public int MaxRecentAlerts { get; set; } = 1_000;
}

/// <summary>Validates <see cref="SurveillanceOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class SurveillanceOptionsValidator : IValidateOptions<SurveillanceOptions>
{
}
