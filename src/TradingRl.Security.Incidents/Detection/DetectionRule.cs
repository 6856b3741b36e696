using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>One detection rule: which events it reads, how it groups and counts them, and the alert it raises.</summary>
/// <remarks>
/// A plain settings object, bindable from configuration. The engine copies and validates it when it starts, so changing
/// an instance afterwards has no effect. Window semantics: an event at <c>t</c> is inside the window ending at <c>a</c>
/// when <c>a - Window &lt; t &lt;= a</c>; an event exactly <see cref="Window"/> old is outside (as in
/// <see cref="Stores.ISlidingWindowCounterStore"/>). Times are the events' own timestamps.
/// </remarks>
public sealed class DetectionRule
{
    /// <summary>Gets or sets the rule id: 1 to 64 characters of <c>a-z</c>, <c>0-9</c> and <c>-</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the short title shown in alerts and incidents.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Gets or sets what the rule detects and why it matters.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Gets or sets the severity of the alerts the rule raises.</summary>
    /// <value>Default <see cref="SecuritySeverity.Medium"/>; <see cref="SecuritySeverity.Info"/> is refused.</value>
    public SecuritySeverity Severity { get; set; } = SecuritySeverity.Medium;

    /// <summary>Gets or sets how the rule decides.</summary>
    public DetectionRuleKind Kind { get; set; }

    /// <summary>Gets the event types the rule reads (for <see cref="DetectionRuleKind.Sequence"/>: the first step).</summary>
    /// <value>At least one; <c>incident.*</c> types are refused so the package never feeds on its own events.</value>
    public IList<string> EventTypes { get; } = [];

    /// <summary>Gets the outcomes a matching event must have; empty means any outcome.</summary>
    public IList<SecurityOutcome> Outcomes { get; } = [];

    /// <summary>Gets the event types of the final step of a <see cref="DetectionRuleKind.Sequence"/> rule.</summary>
    public IList<string> ThenEventTypes { get; } = [];

    /// <summary>Gets the outcomes the final step's event must have; empty means any outcome.</summary>
    public IList<SecurityOutcome> ThenOutcomes { get; } = [];

    /// <summary>Gets or sets the field whose value is the group key (one counter, suppression and incident per key).</summary>
    /// <value>Default <see cref="EventField.Actor"/>. Events without a value fall in the group <c>(none)</c>.</value>
    public EventField GroupBy { get; set; } = EventField.Actor;

    /// <summary>Gets or sets the property name when <see cref="GroupBy"/> is <see cref="EventField.Property"/>.</summary>
    public string? GroupByProperty { get; set; }

    /// <summary>Gets or sets the field whose distinct values are counted (<see cref="DetectionRuleKind.DistinctCount"/>) or remembered (<see cref="DetectionRuleKind.FirstSeen"/>).</summary>
    public EventField DistinctField { get; set; } = EventField.None;

    /// <summary>Gets or sets the property name when <see cref="DistinctField"/> is <see cref="EventField.Property"/>.</summary>
    public string? DistinctProperty { get; set; }

    /// <summary>Gets or sets the count the rule must exceed: "more than 5 in 5 minutes" is 5.</summary>
    /// <value>Default 0 (any one event); 0 to 100,000. Ignored by <see cref="DetectionRuleKind.FirstSeen"/>.</value>
    public int Threshold { get; set; }

    /// <summary>Gets or sets the sliding window (for <see cref="DetectionRuleKind.FirstSeen"/>: how long a value stays known).</summary>
    /// <value>Default 5 minutes; 1 second to 400 days.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long, after an alert, further matches for the same key are counted instead of alerted.</summary>
    /// <value>Default 15 minutes; 0 to 7 days.</value>
    public TimeSpan SuppressionWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the incident group: rules sharing it put alerts for the same key into one incident; the rule id when unset.</summary>
    public string? IncidentGroup { get; set; }

    /// <summary>Gets or sets a value indicating whether the rule runs.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Copies the rule.</summary>
    /// <returns>A new, independent rule with the same settings.</returns>
    public DetectionRule Clone()
    {
        var copy = new DetectionRule
        {
            Id = Id,
            Title = Title,
            Description = Description,
            Severity = Severity,
            Kind = Kind,
            GroupBy = GroupBy,
            GroupByProperty = GroupByProperty,
            DistinctField = DistinctField,
            DistinctProperty = DistinctProperty,
            Threshold = Threshold,
            Window = Window,
            SuppressionWindow = SuppressionWindow,
            IncidentGroup = IncidentGroup,
            Enabled = Enabled,
        };
        foreach (var t in EventTypes)
        {
            copy.EventTypes.Add(t);
        }

        foreach (var o in Outcomes)
        {
            copy.Outcomes.Add(o);
        }

        foreach (var t in ThenEventTypes)
        {
            copy.ThenEventTypes.Add(t);
        }

        foreach (var o in ThenOutcomes)
        {
            copy.ThenOutcomes.Add(o);
        }

        return copy;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({Kind}, {Severity})";
}
