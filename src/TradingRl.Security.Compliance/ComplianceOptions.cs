using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance;

/// <summary>Settings of the Compliance package: the global pre-trade limits, rate windows, market-data freshness, VaR, control permission and trade reporting.</summary>
public sealed class ComplianceOptions
{
    /// <summary>Gets the global limits; accounts, strategies and instruments can tighten them, never loosen them.</summary>
    /// <value>Seed values: max order quantity 1,000,000; 100 orders per 60 s; position 10 % of NAV; daily loss 5 %; VaR 2 %. Also: collar 5 %, period collar 10 %, 300 messages per 60 s, 200 open orders.</value>
    [ValidateObjectMembers]
    public RiskLimits Limits { get; } = new()
    {
        MaxOrderQuantity = 1_000_000m,
        PriceCollar = 0.05m,
        PeriodPriceCollar = 0.10m,
        MaxOrdersPerWindow = 100,
        MaxMessagesPerWindow = 300,
        MaxOpenOrders = 200,
        MaxPositionFraction = 0.10m,
        MaxDailyLossFraction = 0.05m,
        MaxVarFraction = 0.02m,
    };

    /// <summary>Gets or sets the length of the sliding order-rate window.</summary>
    /// <value>Default 60 s (the seed's orders per minute); 1 ms to 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan OrderRateWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the length of the sliding message-rate window (orders, cancels, amendments).</summary>
    /// <value>Default 60 s; 1 ms to 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MessageRateWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the length of a price-collar period: the period collar is measured from the reference price at the period's start.</summary>
    /// <value>Default 5 min; 1 s to 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CollarPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the oldest a quote may be for an order to be checked against it; an older one is stale and denies.</summary>
    /// <value>Default 10 s; 1 ms to 1 hour (a longer age would let orders through on prices nobody still trades at).</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxQuoteAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the standard-normal quantile of the VaR confidence: 2.3263 for 99 % (the default), 1.6449 for 95 %.</summary>
    /// <value>Default 2.3263 (one-day 99 % parametric VaR); 1 to 5.</value>
    [Range(typeof(decimal), "1", "5")]
    public decimal VarZScore { get; set; } = 2.3263m;

    /// <summary>Gets or sets a value indicating whether an order that would trade against the account's own resting order is denied.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool SelfTradePrevention { get; set; } = true;

    /// <summary>Gets the symbols on the restricted list when the host starts.</summary>
    public IList<string> RestrictedInstruments { get; } = [];

    /// <summary>Gets or sets the permission needed to change a trading state or release the kill switch.</summary>
    /// <value>Default <c>risk.limits.modify</c> (the seed's "modify risk limits"); must be in the permission catalog.</value>
    [Required]
    [MinLength(1)]
    public string ControlPermission { get; set; } = Permissions.ModifyRiskLimits.Name;

    /// <summary>Gets or sets the folder where trading states and kill switches are kept so they survive a restart (<see cref="FileTradingStateStore"/>).</summary>
    /// <value>Default <see langword="null"/>: kept in memory only. Set it in production: a restart would otherwise lift every kill switch.</value>
    public string? StateDirectory { get; set; }

    /// <summary>Gets the trade-reporting settings.</summary>
    [ValidateObjectMembers]
    public TradeReportingOptions Reporting { get; } = new();
}

/// <summary>Validates <see cref="ComplianceOptions"/> when the host starts.</summary>
[OptionsValidator]
internal sealed partial class ComplianceOptionsValidator : IValidateOptions<ComplianceOptions>
{
}
