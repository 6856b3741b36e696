using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>The pipeline subscriber that runs detection on every batch and hands alerts to the incident manager.</summary>
/// <remarks>
/// Alerts are kept until the manager has taken them: if handing one over throws, the pipeline redelivers the batch, its
/// events are ignored as duplicates, and the kept alerts are handed over again, so no alert is lost nor raised twice.
/// The pipeline calls one subscriber sequentially, so the kept list needs no lock. The manager is resolved on the first
/// batch: it publishes through the pipeline, which is built with this subscriber, so taking it in the constructor would
/// be a dependency cycle.
/// </remarks>
internal sealed class IncidentDetectionSubscriber(DetectionEngine engine, IServiceProvider services) : ISecurityEventSubscriber
{
    private IncidentManager? _manager;

    private readonly List<SecurityAlert> _pending = [];
    private readonly List<SuppressedTally> _tallies = [];

    public string Name => "incidents";

    public async ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
    {
        var manager = _manager ??= services.GetRequiredService<IncidentManager>();
        engine.Process(events.Span, _pending);
        engine.DrainSuppressed(_tallies);
        while (_pending.Count > 0)
        {
            await manager.RaiseAsync(_pending[0], cancellationToken).ConfigureAwait(false);
            _pending.RemoveAt(0);
        }

        while (_tallies.Count > 0)
        {
            await manager.RecordSuppressedAsync(_tallies[^1], cancellationToken).ConfigureAwait(false);
            _tallies.RemoveAt(_tallies.Count - 1);
        }
    }
}
