using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Auth.RefreshTokens;

/// <summary>Settings of refresh tokens.</summary>
public sealed class RefreshTokenOptions
{
    /// <summary>Gets or sets how long an unused refresh token stays valid; each rotation starts it again.</summary>
    /// <value>Default 30 minutes (the session idle timeout); 1 minute to 30 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how long a token family lives from sign-in, however often it rotates.</summary>
    /// <value>Default 12 hours (the session absolute timeout); 1 minute to 90 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}
