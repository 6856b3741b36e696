namespace TradingRl.Security.Events;

/// <summary>Publishes security events to every subscriber, losslessly.</summary>
/// <remarks>
/// Thread-safe. An accepted event is delivered to every subscriber (at least once) or counted as dead-lettered;
/// an event that cannot be accepted is refused with an exception, never dropped silently.
/// </remarks>
public interface ISecurityEventPublisher
{
    /// <summary>Publishes an event, waiting for room when the queue is full (back-pressure).</summary>
    /// <param name="securityEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the wait for room; the event is then not accepted.</param>
    /// <returns>A task that completes once the event is queued.</returns>
    /// <exception cref="SecurityEventPipelineClosedException">The pipeline has shut down.</exception>
    ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default);

    /// <summary>Publishes an event from synchronous code; returns at once unless the queue is full, then waits at most the configured publish timeout.</summary>
    /// <param name="securityEvent">The event.</param>
    /// <exception cref="SecurityEventPipelineClosedException">The pipeline has shut down.</exception>
    /// <exception cref="SecurityEventPublishTimeoutException">The queue stayed full for the whole publish timeout; the event was not accepted.</exception>
    void Publish(SecurityEvent securityEvent);
}
