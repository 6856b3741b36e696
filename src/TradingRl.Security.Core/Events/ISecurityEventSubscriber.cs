namespace TradingRl.Security.Events;

/// <summary>Receives the events of the security-event pipeline, in publication order, in batches.</summary>
/// <remarks>
/// Each subscriber has its own queue and delivery loop, so one that throws or is slow does not hold up the others
/// until its own queue is full (then publishers wait: the pipeline prefers back-pressure to loss).
/// Delivery is at least once: a batch whose handling threw is delivered again, up to
/// <see cref="SecurityEventPipelineOptions.MaxDeliveryAttempts"/> times, so handlers deduplicate on <see cref="SecurityEvent.Id"/>
/// where a repeat matters.
/// </remarks>
public interface ISecurityEventSubscriber
{
    /// <summary>Gets the subscriber's name, used in metrics and logs.</summary>
    string Name { get; }

    /// <summary>Handles a batch of events.</summary>
    /// <param name="events">The events, oldest first; valid only during the call.</param>
    /// <param name="cancellationToken">Signalled when the attempt times out or the host stops waiting.</param>
    /// <returns>A task that completes once the batch is handled.</returns>
    ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken);
}
