using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>Records every event of the security-event pipeline in the audit trail; one delivered batch becomes one group commit.</summary>
/// <remarks>Completes a batch only once it is durable, so a slow disk holds the pipeline back (back-pressure) instead of losing events; repeats are dropped by id.</remarks>
/// <remarks>
/// The trail is resolved on the first batch, not in the constructor: the pipeline builds its subscribers when it is built,
/// and the trail may depend (through an <see cref="ISecretProtector"/> whose key ring publishes events) on the pipeline itself.
/// </remarks>
internal sealed class AuditEventSubscriber(IServiceProvider services) : ISecurityEventSubscriber
{
    private AuditTrail? _trail;

    public string Name => "audit-trail";

    public async ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
    {
        if (events.IsEmpty)
        {
            return;
        }

        _trail ??= (AuditTrail)services.GetService(typeof(AuditTrail))!;
        await _trail.AppendFromPipelineAsync(events, cancellationToken).ConfigureAwait(false);
    }
}
