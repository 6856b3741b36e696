using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Settings of the scorecard and the evidence packs.</summary>
public sealed class EvidenceOptions
{
    /// <summary>Gets or sets the longest a data key may stay active: the key-rotation metric fails when the last rotation is older.</summary>
    /// <value>Default 90 days; 1 to 366 days.</value>
    [Range(typeof(TimeSpan), "1.00:00:00", "366.00:00:00")]
    public TimeSpan KeyRotationPeriod { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Gets or sets the most audit records one scorecard or evidence pack reads for its period.</summary>
    /// <value>Default 5,000,000; 1 to 100,000,000. A longer period is refused rather than read half.</value>
    [Range(1, 100_000_000)]
    public int MaxRecords { get; set; } = 5_000_000;
}

/// <summary>Validates <see cref="EvidenceOptions"/> when the host starts.</summary>
[OptionsValidator]
internal sealed partial class EvidenceOptionsValidator : IValidateOptions<EvidenceOptions>
{
}
