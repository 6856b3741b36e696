namespace TradingRl.Security.Events;

/// <summary>Describes one event type of the catalog: its dotted name, area, default severity and meaning.</summary>
public sealed class SecurityEventDescriptor
{
    /// <summary>Initializes a descriptor.</summary>
    /// <param name="type">The dotted lower-case name, e.g. <c>auth.login.failed</c>.</param>
    /// <param name="category">The monitoring area.</param>
    /// <param name="defaultSeverity">The severity an event of this type gets unless the publisher says otherwise.</param>
    /// <param name="description">What the event records.</param>
    /// <exception cref="ArgumentException">The name is not a valid event type name, or the description is empty.</exception>
    public SecurityEventDescriptor(string type, SecurityEventCategory category, SecuritySeverity defaultSeverity, string description)
    {
        SecurityEventTypeName.ThrowIfInvalid(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (!Enum.IsDefined(defaultSeverity))
        {
            throw new ArgumentOutOfRangeException(nameof(defaultSeverity), defaultSeverity, "Unknown severity.");
        }

        Type = type;
        Category = category;
        DefaultSeverity = defaultSeverity;
        Description = description;
    }

    /// <summary>Gets the dotted event type name.</summary>
    public string Type { get; }

    /// <summary>Gets the monitoring area.</summary>
    public SecurityEventCategory Category { get; }

    /// <summary>Gets the default severity.</summary>
    public SecuritySeverity DefaultSeverity { get; }

    /// <summary>Gets what the event records.</summary>
    public string Description { get; }

    /// <summary>Creates an event of this type with its default severity.</summary>
    /// <param name="timestamp">When it happened, from the caller's <see cref="TimeProvider"/>.</param>
    /// <returns>A new event; set the other members with an object initializer.</returns>
    public SecurityEvent CreateEvent(DateTimeOffset timestamp) => new(Type, DefaultSeverity, timestamp);

    /// <inheritdoc/>
    public override string ToString() => Type;
}
