using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>Builds and publishes the package's security events in one place.</summary>
internal static class ComplianceEvents
{
    public static void Publish(
        this ISecurityEventPublisher publisher,
        SecurityEventDescriptor type,
        DateTimeOffset timestamp,
        string? actor,
        string? resource,
        SecurityOutcome outcome,
        Dictionary<string, string> properties,
        SecuritySeverity? severity = null) =>
        publisher.Publish(new SecurityEvent(type.Type, severity ?? type.DefaultSeverity, timestamp)
        {
            Actor = Bounded(actor),
            Resource = Bounded(resource),
            Outcome = outcome,
            Properties = properties,
        });

    /// <summary>Cuts a value to the longest an event accepts; empty becomes <see langword="null"/>.</summary>
    public static string? Bounded(string? value) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= SecurityEvent.MaxValueLength ? value : value[..SecurityEvent.MaxValueLength];
}
