using System.Collections.Concurrent;
using TradingRl.Security.Events;

namespace TradingRl.Security.Sample;

/// <summary>Counts the events the pipeline delivers, by type and by severity, for the run's summary.</summary>
public sealed class EventCountingSubscriber : ISecurityEventSubscriber
{
    private readonly ConcurrentDictionary<string, long> _byType = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> _seen = [];

    /// <inheritdoc/>
    public string Name => "sample-summary";

    /// <summary>Gets the counts by event type.</summary>
    public IReadOnlyDictionary<string, long> ByType => _byType;

    /// <inheritdoc/>
    public ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events.Span)
        {
            // Delivery is at least once: count each event id once.
            if (_seen.Add(e.Id))
            {
                _byType.AddOrUpdate(e.Type, 1, static (_, n) => n + 1);
            }
        }

        return ValueTask.CompletedTask;
    }
}
