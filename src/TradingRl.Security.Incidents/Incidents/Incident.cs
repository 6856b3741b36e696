using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>An incident: the alerts that share a deduplication key, its life-cycle state, timeline and containment actions.</summary>
/// <remarks>An immutable snapshot; every change is a new version saved through <see cref="IIncidentStore"/>.</remarks>
public sealed record Incident
{
    /// <summary>Gets the id, <c>INC-yyyyMMdd-XXXXXXXX</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the version, 1 when created and one more for every saved change (optimistic concurrency).</summary>
    public long Version { get; init; }

    /// <summary>Gets the deduplication key: alerts with this key append to the incident while it is open.</summary>
    public required string DedupKey { get; init; }

    /// <summary>Gets the title, from the first alert's rule.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the severity: the highest of its alerts.</summary>
    public SecuritySeverity Severity { get; init; }

    /// <summary>Gets the life-cycle state.</summary>
    public IncidentStatus Status { get; init; }

    /// <summary>Gets when it was opened.</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>Gets when it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets when it was first acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Gets who first acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>Gets when it was last resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets when it was closed.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Gets who it is assigned to.</summary>
    public string? Assignee { get; init; }

    /// <summary>Gets what it turned out to be; set when closed.</summary>
    public IncidentClassification Classification { get; init; }

    /// <summary>Gets the resolution summary.</summary>
    public string? Resolution { get; init; }

    /// <summary>Gets the lessons learned; required to close.</summary>
    public string? LessonsLearned { get; init; }

    /// <summary>Gets how many escalation levels of its severity's policy have been reached.</summary>
    public int EscalationLevel { get; init; }

    /// <summary>Gets when the escalation clock started: the opening, or the last reopening by an alert.</summary>
    public DateTimeOffset EscalationStartedAt { get; init; }

    /// <summary>Gets how often it was reopened.</summary>
    public int ReopenCount { get; init; }

    /// <summary>Gets a value indicating whether the time-to-acknowledge target was missed.</summary>
    public bool SlaBreached { get; init; }

    /// <summary>Gets how many matching events its alerts and suppressions cover.</summary>
    public long EventCount { get; init; }

    /// <summary>Gets how many of those events were suppressed into an earlier alert.</summary>
    public long SuppressedEventCount { get; init; }

    /// <summary>Gets how many alerts were added beyond the stored ones (see <see cref="IncidentsOptions.MaxAlertsPerIncident"/>).</summary>
    public long AlertsOmitted { get; init; }

    /// <summary>Gets the alerts, oldest first.</summary>
    public IReadOnlyList<SecurityAlert> Alerts { get; init; } = [];

    /// <summary>Gets every change, oldest first.</summary>
    public IReadOnlyList<IncidentTimelineEntry> Timeline { get; init; } = [];

    /// <summary>Gets the containment actions, oldest first.</summary>
    public IReadOnlyList<ContainmentRecord> Actions { get; init; } = [];

    /// <summary>Gets a value indicating whether the incident is still being worked (neither resolved nor closed).</summary>
    public bool IsOpen => Status < IncidentStatus.Resolved;

    /// <summary>Gets the time from opening to first acknowledgement, once acknowledged.</summary>
    public TimeSpan? TimeToAcknowledge => AcknowledgedAt - OpenedAt;

    /// <summary>Gets the time from opening to the last resolution, once resolved.</summary>
    public TimeSpan? TimeToResolve => ResolvedAt - OpenedAt;
}
