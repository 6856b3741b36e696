using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>An alert a detection rule raised: which rule, for which group key, how many events, and the evidence.</summary>
/// <remarks>Immutable. Carries event ids and the trigger event's actor, source and resource, never event properties (they may be classified).</remarks>
public sealed record SecurityAlert
{
    /// <summary>Gets the alert id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the id of the rule that raised it.</summary>
    public required string RuleId { get; init; }

    /// <summary>Gets the rule's title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the rule's severity.</summary>
    public required SecuritySeverity Severity { get; init; }

    /// <summary>Gets the kind of the rule.</summary>
    public DetectionRuleKind Kind { get; init; }

    /// <summary>Gets the group key, e.g. the account name; <c>(none)</c> when the event had no value.</summary>
    public required string GroupKey { get; init; }

    /// <summary>Gets the deduplication key: alerts with the same key go to the same open incident.</summary>
    public required string DedupKey { get; init; }

    /// <summary>Gets how many matching events the alert covers (for a distinct count: how many distinct values).</summary>
    public long MatchCount { get; init; }

    /// <summary>Gets the timestamp of the earliest event the alert covers.</summary>
    public DateTimeOffset FirstEventAt { get; init; }

    /// <summary>Gets the timestamp of the latest event the alert covers.</summary>
    public DateTimeOffset LastEventAt { get; init; }

    /// <summary>Gets when the engine raised the alert, by its <see cref="TimeProvider"/> (the last event's time when replaying).</summary>
    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>Gets the ids of the events the alert covers, oldest first; at most <see cref="DetectionEngine.MaxEvidenceEvents"/>.</summary>
    public IReadOnlyList<Guid> EventIds { get; init; } = [];

    /// <summary>Gets the distinct or first-seen values that made the rule fire; at most <see cref="DetectionEngine.MaxEvidenceEvents"/>.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Gets the type of the event that made the rule fire.</summary>
    public required string TriggerEventType { get; init; }

    /// <summary>Gets the actor of the event that made the rule fire.</summary>
    public string? TriggerActor { get; init; }

    /// <summary>Gets the source address of the event that made the rule fire.</summary>
    public string? TriggerSourceAddress { get; init; }

    /// <summary>Gets the resource of the event that made the rule fire.</summary>
    public string? TriggerResource { get; init; }
}
