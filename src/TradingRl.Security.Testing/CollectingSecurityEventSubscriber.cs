using System.Collections.Concurrent;
using TradingRl.Security.Events;

namespace TradingRl.Security.Testing;

/// <summary>A pipeline subscriber that keeps every event it receives, for assertions in a host's tests.</summary>
/// <remarks>Thread-safe. Register with <c>builder.AddEventSubscriber&lt;CollectingSecurityEventSubscriber&gt;()</c> and resolve it as a singleton.</remarks>
public sealed class CollectingSecurityEventSubscriber : ISecurityEventSubscriber
{
    private readonly ConcurrentQueue<SecurityEvent> _events = new();

    /// <inheritdoc/>
    public string Name => "collecting";

    /// <summary>Gets the number of events received.</summary>
    public int Count => _events.Count;

    /// <summary>Gets a snapshot of the events received, in delivery order.</summary>
    public IReadOnlyList<SecurityEvent> Events => [.. _events];

    /// <summary>Returns the events of one type.</summary>
    /// <param name="type">The dotted event type.</param>
    /// <returns>The matching events, in delivery order.</returns>
    public IReadOnlyList<SecurityEvent> OfType(string type) => [.. _events.Where(e => string.Equals(e.Type, type, StringComparison.Ordinal))];

    /// <summary>Forgets every event received.</summary>
    public void Clear() => _events.Clear();

    /// <inheritdoc/>
    public ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events.Span)
        {
            _events.Enqueue(e);
        }

        return ValueTask.CompletedTask;
    }
}
