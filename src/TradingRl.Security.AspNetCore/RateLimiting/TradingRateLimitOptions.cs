using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.AspNetCore.RateLimiting;

/// <summary>Token-bucket rate limits per user (all endpoints together) and per user per endpoint.</summary>
/// <remarks>A bucket holds <c>Burst</c> tokens and refills <c>PerMinute</c> tokens a minute, so a client may burst to the bucket size and then sustain the rate. Anonymous callers are keyed by source address.</remarks>
public sealed class TradingRateLimitOptions
{
    /// <summary>Gets or sets a value indicating whether rate limiting is on.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the sustained requests a minute one user may make across all endpoints.</summary>
    /// <value>Default 100 (the seed's "more than 100 a minute" alert threshold); 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int UserPerMinute { get; set; } = 100;

    /// <summary>Gets or sets the burst one user may make across all endpoints (the bucket size).</summary>
    /// <value>Default 20; 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int UserBurst { get; set; } = 20;

    /// <summary>Gets or sets the sustained requests a minute one user may make to one endpoint.</summary>
    /// <value>Default 60; 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int EndpointPerMinute { get; set; } = 60;

    /// <summary>Gets or sets the burst one user may make to one endpoint.</summary>
    /// <value>Default 10; 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int EndpointBurst { get; set; } = 10;
}
