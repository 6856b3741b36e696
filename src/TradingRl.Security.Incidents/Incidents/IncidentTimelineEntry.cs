namespace TradingRl.Security.Incidents;

/// <summary>One change to an incident: who, when, what.</summary>
/// <param name="At">When, by the host's <see cref="TimeProvider"/>.</param>
/// <param name="Actor">Who: a person, or <c>system</c> / <c>rule:&lt;id&gt;</c> for automatic changes.</param>
/// <param name="Action">The kind of change.</param>
/// <param name="Detail">What changed, in words.</param>
/// <param name="Status">The incident's state after the change.</param>
public sealed record IncidentTimelineEntry(DateTimeOffset At, string Actor, IncidentTimelineAction Action, string Detail, IncidentStatus Status);
