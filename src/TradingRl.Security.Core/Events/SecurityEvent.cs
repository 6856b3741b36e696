using System.Collections.Frozen;

namespace TradingRl.Security.Events;

/// <summary>One security-relevant fact: who did what to which resource, when, with what outcome.</summary>
/// <remarks>
/// Immutable once made. Values that are classified (see <see cref="TradingDataClassifications"/>) must not be put in
/// <see cref="Properties"/> in the clear: events reach logs, metrics and the audit trail.
/// </remarks>
public sealed class SecurityEvent
{
    /// <summary>The most properties an event may carry.</summary>
    public const int MaxProperties = 32;

    /// <summary>The longest property name.</summary>
    public const int MaxPropertyNameLength = 64;

    /// <summary>The longest property value, and the longest actor, resource, address or correlation id.</summary>
    public const int MaxValueLength = 2048;

    private static readonly IReadOnlyDictionary<string, string> NoProperties = FrozenDictionary<string, string>.Empty;

    private readonly string? _actor;
    private readonly string? _sourceAddress;
    private readonly string? _resource;
    private readonly string? _correlationId;
    private readonly SecurityOutcome _outcome;
    private readonly IReadOnlyDictionary<string, string> _properties = NoProperties;

    /// <summary>Initializes an event.</summary>
    /// <param name="type">The dotted event type, e.g. <c>auth.login.failed</c> (see <see cref="SecurityEventTypes"/>).</param>
    /// <param name="severity">The severity.</param>
    /// <param name="timestamp">When it happened, from a <see cref="TimeProvider"/>.</param>
    /// <param name="id">The event id; a new version-7 GUID (time-ordered) when omitted. Subscribers deduplicate on it.</param>
    /// <exception cref="ArgumentException">The type name is malformed, the severity unknown, or the id empty.</exception>
    public SecurityEvent(string type, SecuritySeverity severity, DateTimeOffset timestamp, Guid? id = null)
    {
        SecurityEventTypeName.ThrowIfInvalid(type);
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity.");
        }

        if (id == Guid.Empty)
        {
            throw new ArgumentException("An event id must not be the empty GUID.", nameof(id));
        }

        Type = type;
        Severity = severity;
        Timestamp = timestamp;
        Id = id ?? EventIds.CreateVersion7(timestamp);
    }

    /// <summary>Gets the unique event id.</summary>
    public Guid Id { get; }

    /// <summary>Gets the dotted event type.</summary>
    public string Type { get; }

    /// <summary>Gets the severity.</summary>
    public SecuritySeverity Severity { get; }

    /// <summary>Gets when the event happened.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets who acted: a user, an agent account or a service; <see langword="null"/> when unknown.</summary>
    public string? Actor { get => _actor; init => _actor = Checked(value, nameof(Actor)); }

    /// <summary>Gets the network address the action came from, when known.</summary>
    public string? SourceAddress { get => _sourceAddress; init => _sourceAddress = Checked(value, nameof(SourceAddress)); }

    /// <summary>Gets the resource acted on, e.g. <c>order/123</c> or <c>account/agent-1</c>.</summary>
    public string? Resource { get => _resource; init => _resource = Checked(value, nameof(Resource)); }

    /// <summary>Gets the outcome.</summary>
    public SecurityOutcome Outcome
    {
        get => _outcome;
        init => _outcome = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Outcome), value, "Unknown outcome.");
    }

    /// <summary>Gets the id that ties this event to others of the same request or flow.</summary>
    public string? CorrelationId { get => _correlationId; init => _correlationId = Checked(value, nameof(CorrelationId)); }

    /// <summary>Gets a small set of extra facts (at most <see cref="MaxProperties"/>), e.g. a reason code.</summary>
    /// <exception cref="ArgumentException">Too many properties, or a name or value that is empty or too long.</exception>
    public IReadOnlyDictionary<string, string> Properties
    {
        get => _properties;
        init => _properties = CheckedProperties(value);
    }

    /// <summary>Gets a property, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    public string? GetProperty(string name) => _properties.TryGetValue(name, out var v) ? v : null;

    /// <inheritdoc/>
    public override string ToString() => $"{Type} {Severity} {Outcome} {Id}";

    private static string? Checked(string? value, string member)
    {
        if (value is not null && (value.Length == 0 || value.Length > MaxValueLength))
        {
            throw new ArgumentException($"{member} must be null or 1 to {MaxValueLength} characters long.", member);
        }

        return value;
    }

    private static IReadOnlyDictionary<string, string> CheckedProperties(IReadOnlyDictionary<string, string>? value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Count == 0)
        {
            return NoProperties;
        }

        if (value.Count > MaxProperties)
        {
            throw new ArgumentException($"An event carries at most {MaxProperties} properties; {value.Count} were given.", nameof(value));
        }

        // Copied first, then checked: what is checked is what the event keeps.
        var map = value as EventPropertyMap ?? EventPropertyMap.From(value);
        var names = map.NameSpan;
        var values = map.ValueSpan;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (string.IsNullOrEmpty(name) || name.Length > MaxPropertyNameLength)
            {
                throw new ArgumentException($"A property name must be 1 to {MaxPropertyNameLength} characters long.", nameof(value));
            }

            if (values[i] is not { } v || v.Length > MaxValueLength)
            {
                // The value itself is never echoed: it may be classified.
                throw new ArgumentException($"The value of property '{name}' must be non-null and at most {MaxValueLength} characters long.", nameof(value));
            }
        }

        return map;
    }
}
