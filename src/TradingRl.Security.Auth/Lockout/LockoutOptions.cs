using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Auth.Lockout;

/// <summary>Settings of sign-in throttling and account lockout (the seed: more than 5 failures in 5 minutes).</summary>
public sealed class LockoutOptions
{
    /// <summary>Gets or sets how many failures per account are tolerated in <see cref="Window"/>; one more locks the account.</summary>
    /// <value>Default 5; 1 to 100.</value>
    [Range(1, 100)]
    public int MaxFailures { get; set; } = 5;

    /// <summary>Gets or sets the sliding window of failure counting.</summary>
    /// <value>Default 5 minutes; 1 minute to 1 day.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the first lockout's length; each further lockout doubles it.</summary>
    /// <value>Default 5 minutes; 1 minute to 1 day.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the longest lockout.</summary>
    /// <value>Default 24 hours; 1 minute to 30 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MaxLockoutDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets how many failures one source address may cause in <see cref="Window"/> before its attempts are refused.</summary>
    /// <value>Default 20; 1 to 10,000.</value>
    [Range(1, 10_000)]
    public int MaxFailuresPerAddress { get; set; } = 20;
}
