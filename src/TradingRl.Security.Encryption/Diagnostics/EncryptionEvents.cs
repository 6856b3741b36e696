using Microsoft.Extensions.Logging;
using TradingRl.Security.Events;

namespace TradingRl.Security.Encryption;

/// <summary>Publishes the package's security events without letting a full or closed pipeline break a key operation.</summary>
internal sealed class EncryptionEvents(ISecurityEventPublisher? publisher, TimeProvider timeProvider, ILogger logger)
{
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    public void Publish(SecurityEventDescriptor descriptor, string? resource, SecurityOutcome outcome, Dictionary<string, string> properties, string? actor = null)
    {
        if (publisher is null)
        {
            return;
        }

        try
        {
            publisher.Publish(new SecurityEvent(descriptor.Type, descriptor.DefaultSeverity, timeProvider.GetUtcNow())
            {
                Actor = actor,
                Resource = resource,
                Outcome = outcome,
                Properties = properties,
            });
        }
        catch (Exception ex) when (ex is SecurityEventPipelineClosedException or SecurityEventPublishTimeoutException)
        {
            EncryptionLog.PublishFailed(logger, descriptor.Type, ex);
        }
    }
}
