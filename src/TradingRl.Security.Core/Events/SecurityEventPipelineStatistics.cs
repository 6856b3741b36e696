namespace TradingRl.Security.Events;

/// <summary>A snapshot of the pipeline's counters.</summary>
/// <param name="Published">Events accepted since start.</param>
/// <param name="QueueDepth">Events waiting for dispatch.</param>
/// <param name="PublishTimeouts">Synchronous publishes refused because the queue stayed full.</param>
/// <param name="Subscribers">One entry per subscriber.</param>
public sealed record SecurityEventPipelineStatistics(
    long Published,
    long QueueDepth,
    long PublishTimeouts,
    IReadOnlyList<SecurityEventSubscriberStatistics> Subscribers);

/// <summary>A snapshot of one subscriber's counters.</summary>
/// <param name="Name">The subscriber's name.</param>
/// <param name="Delivered">Events it handled.</param>
/// <param name="DeliveryFailures">Attempts that threw or timed out.</param>
/// <param name="DeadLettered">Events it still failed on after every attempt (logged with their ids).</param>
/// <param name="Backlog">Events waiting for it.</param>
public sealed record SecurityEventSubscriberStatistics(
    string Name,
    long Delivered,
    long DeliveryFailures,
    long DeadLettered,
    long Backlog);
