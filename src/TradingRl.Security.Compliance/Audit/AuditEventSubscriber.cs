using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>Records every event of the security-event pipeline in the audit trail; one delivered batch becomes one group commit.</summary>
/// <remarks>Completes a batch only once it is durable, so a slow disk holds the pipeline back (back-pressure) instead of losing events; repeats are dropped by id.</remarks>
internal sealed class AuditEventSubscriber(AuditTrail trail) : ISecurityEventSubscriber
{
    public string Name => "audit-trail";

    public async ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
    {
        if (events.IsEmpty)
        {
            return;
        }

        await trail.AppendFromPipelineAsync(events, cancellationToken).ConfigureAwait(false);
    }
}
