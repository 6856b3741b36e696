using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Incidents;

/// <summary>Settings of the webhook notification channel.</summary>
public sealed class WebhookOptions
{
    /// <summary>Gets or sets the URL notifications are POSTed to as JSON; no webhook channel when unset.</summary>
    /// <value>Default <see langword="null"/>. Must be <c>https</c>, except to a loopback address.</value>
    public Uri? Url { get; set; }

    /// <summary>Gets or sets how many times a notification is tried before it counts as failed.</summary>
    /// <value>Default 3; 1 to 10. Retried on a network error, a timeout, 408, 429 and 5xx.</value>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets the wait before the first retry; each further retry doubles it.</summary>
    /// <value>Default 1 second; 0 to 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long one attempt may take.</summary>
    /// <value>Default 10 seconds; 100 ms to 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
