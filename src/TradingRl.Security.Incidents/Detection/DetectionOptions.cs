using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Incidents;

/// <summary>Settings of the detection engine: lateness, clock skew, deduplication and per-key state bounds.</summary>
public sealed class DetectionOptions
{
    /// <summary>Gets or sets how far behind the newest event an event may be and still be counted; older ones are dropped and counted as late.</summary>
    /// <value>Default 1 minute; 0 to 1 hour. An event exactly this late is still counted.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how far ahead of the host clock an event's timestamp may be; a later timestamp is clamped to the host clock and counted.</summary>
    /// <value>Default 1 minute; 0 to 1 hour. Stops one producer's clock jump from pushing every other event out as late.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the most group keys one rule keeps state for; the least recently seen key is evicted beyond it (counted).</summary>
    /// <value>Default 100,000; 16 to 10,000,000.</value>
    [Range(16, 10_000_000)]
    public int MaxKeysPerRule { get; set; } = 100_000;

    /// <summary>Gets or sets how many recent event ids are remembered to ignore redelivered events.</summary>
    /// <value>Default 100,000; 1,024 to 10,000,000.</value>
    [Range(1_024, 10_000_000)]
    public int DeduplicationCapacity { get; set; } = 100_000;

    /// <summary>Gets or sets how many known values a first-seen rule remembers per key; the oldest is forgotten beyond it.</summary>
    /// <value>Default 64; 1 to 4,096.</value>
    [Range(1, 4_096)]
    public int FirstSeenMaxValuesPerKey { get; set; } = 64;
}
