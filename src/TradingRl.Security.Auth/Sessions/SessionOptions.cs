using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Auth.Sessions;

/// <summary>Settings of sessions.</summary>
public sealed class SessionOptions
{
    /// <summary>Gets or sets how long a session lives without being touched (a refresh or an explicit touch).</summary>
    /// <value>Default 30 minutes; 1 minute to 24 hours.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how long a session lives from sign-in, however active.</summary>
    /// <value>Default 12 hours; 5 minutes to 30 days.</value>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Gets or sets how many live sessions a user may have; a new one beyond it revokes the oldest.</summary>
    /// <value>Default 5; 1 to 100.</value>
    [Range(1, 100)]
    public int MaxConcurrentSessions { get; set; } = 5;
}
