using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Events;

/// <summary>Settings of the security-event pipeline.</summary>
public sealed class SecurityEventPipelineOptions
{
    /// <summary>Gets or sets how many accepted events may wait for dispatch.</summary>
    /// <value>Default 8,192; 16 to 1,048,576.</value>
    [Range(16, 1_048_576)]
    public int Capacity { get; set; } = 8_192;

    /// <summary>Gets or sets how many events may wait for one subscriber before publishers are made to wait.</summary>
    /// <value>Default 65,536; 16 to 4,194,304.</value>
    [Range(16, 4_194_304)]
    public int SubscriberCapacity { get; set; } = 65_536;

    /// <summary>Gets or sets the most events handed to a subscriber in one call.</summary>
    /// <value>Default 256; 1 to 8,192.</value>
    [Range(1, 8_192)]
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Gets or sets how often a batch is offered to a subscriber that throws before it is dead-lettered.</summary>
    /// <value>Default 3; 1 to 20.</value>
    [Range(1, 20)]
    public int MaxDeliveryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the wait before the first retry; each further retry doubles it.</summary>
    /// <value>Default 20 ms; 0 to 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets or sets how long one delivery attempt may take before its cancellation token is signalled.</summary>
    /// <value>Default 30 s; 1 ms to 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a synchronous publish waits for room in a full queue before it throws.</summary>
    /// <value>Default 5 s; 1 ms to 5 min.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Validates <see cref="SecurityEventPipelineOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class SecurityEventPipelineOptionsValidator : IValidateOptions<SecurityEventPipelineOptions>
{
}
