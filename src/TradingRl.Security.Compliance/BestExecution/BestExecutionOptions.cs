using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance;

/// <summary>Settings of best-execution (transaction-cost) monitoring.</summary>
public sealed class BestExecutionOptions
{
    /// <summary>Gets or sets the arrival slippage, in basis points, beyond which a fill is an outlier and raises a compliance violation (equal passes).</summary>
    /// <value>Default 50; 0.01 to 100,000.</value>
    [Range(typeof(decimal), "0.01", "100000")]
    public decimal OutlierThresholdBps { get; set; } = 50m;

    /// <summary>Gets or sets the most distinct strategies, instruments or venues aggregated per day; further ones are pooled under <c>(other)</c>.</summary>
    /// <value>Default 10,000; 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int MaxAggregateKeys { get; set; } = 10_000;

    /// <summary>Gets or sets how many recent fill ids are remembered so that a fill recorded twice is counted once.</summary>
    /// <value>Default 65,536; 0 to 10,000,000.</value>
    [Range(0, 10_000_000)]
    public int DeduplicationCapacity { get; set; } = 65_536;
}

/// <summary>Validates <see cref="BestExecutionOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class BestExecutionOptionsValidator : IValidateOptions<BestExecutionOptions>
{
}
