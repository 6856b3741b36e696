using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization;

/// <summary>Builds the package's security events with bounded property values.</summary>
internal static class AuthorizationEvents
{
    public static SecurityEvent Create(
        SecurityEventDescriptor descriptor, DateTimeOffset timestamp, string actor, string? resource, SecurityOutcome outcome, Dictionary<string, string> properties) =>
        new(descriptor.Type, descriptor.DefaultSeverity, timestamp)
        {
            Actor = actor,
            Resource = resource is null ? null : Bound(resource),
            Outcome = outcome,
            Properties = properties,
        };

    public static void AddIfSet(Dictionary<string, string> properties, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            properties[name] = Bound(value);
        }
    }

    private static string Bound(string value) => value.Length <= SecurityEvent.MaxValueLength ? value : value[..SecurityEvent.MaxValueLength];
}
