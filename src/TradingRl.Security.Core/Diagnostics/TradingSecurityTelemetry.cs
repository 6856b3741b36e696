using System.Diagnostics;

namespace TradingRl.Security.Diagnostics;

/// <summary>The names of the suite's one <see cref="System.Diagnostics.Metrics.Meter"/> and one <see cref="ActivitySource"/>, and of its instruments.</summary>
/// <remarks>OpenTelemetry picks both up with <c>AddMeter(TradingSecurityTelemetry.Name)</c> and <c>AddSource(TradingSecurityTelemetry.Name)</c>.</remarks>
public static class TradingSecurityTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "TradingRl.Security";

    /// <summary>Gets the suite's activity source.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Counter: events accepted by the pipeline. Tag <c>severity</c>.</summary>
    public const string EventsPublished = "tradingrl.security.events.published";

    /// <summary>Counter: events handed to a subscriber that handled them. Tag <c>subscriber</c>.</summary>
    public const string EventsDelivered = "tradingrl.security.events.delivered";

    /// <summary>Counter: delivery attempts that threw or timed out. Tag <c>subscriber</c>.</summary>
    public const string EventsDeliveryFailures = "tradingrl.security.events.delivery_failures";

    /// <summary>Counter: events a subscriber still failed on after every attempt. Tag <c>subscriber</c>.</summary>
    public const string EventsDeadLettered = "tradingrl.security.events.dead_lettered";

    /// <summary>Counter: synchronous publishes refused because the queue stayed full.</summary>
    public const string EventsPublishTimeouts = "tradingrl.security.events.publish_timeouts";

    /// <summary>Gauge: events waiting for dispatch.</summary>
    public const string EventsQueueDepth = "tradingrl.security.events.queue_depth";

    /// <summary>Gauge: events waiting for one subscriber. Tag <c>subscriber</c>.</summary>
    public const string EventsSubscriberBacklog = "tradingrl.security.events.subscriber_backlog";
}
