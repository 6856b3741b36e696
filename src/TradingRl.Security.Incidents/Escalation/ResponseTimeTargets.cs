using System.ComponentModel.DataAnnotations;
using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>The time-to-acknowledge target per severity; a miss is a breach, published and counted.</summary>
/// <remarks>A target is met when the incident is acknowledged in less than it: acknowledging at exactly 15:00 misses a 15-minute target.</remarks>
public sealed class ResponseTimeTargets
{
    /// <summary>Gets or sets the target for critical incidents.</summary>
    /// <value>Default 15 minutes (the seed's response time); 1 minute to 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Critical { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the target for high-severity incidents.</summary>
    /// <value>Default 15 minutes; 1 minute to 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan High { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the target for medium-severity incidents.</summary>
    /// <value>Default 15 minutes; 1 minute to 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Medium { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the target for low-severity incidents.</summary>
    /// <value>Default 15 minutes; 1 minute to 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Low { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Returns the target for a severity.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The target.</returns>
    public TimeSpan For(SecuritySeverity severity) => severity switch
    {
        SecuritySeverity.Critical => Critical,
        SecuritySeverity.High => High,
        SecuritySeverity.Medium => Medium,
        _ => Low,
    };
}
