using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>Event types the Incidents package adds to Core's catalog.</summary>
/// <remarks>The package also publishes Core's <c>incident.*</c> types; detection never reads any <c>incident.*</c> event, so it cannot feed on itself.</remarks>
public static class IncidentEventTypes
{
    /// <summary><c>incident.sla.breached</c>: An incident was not acknowledged within its severity's target.</summary>
    public static readonly SecurityEventDescriptor SlaBreached = new("incident.sla.breached", SecurityEventCategory.Incident, SecuritySeverity.High, "An incident was not acknowledged within its severity's target.");

    /// <summary><c>incident.containment.executed</c>: A containment action ran for an incident.</summary>
    public static readonly SecurityEventDescriptor ContainmentExecuted = new("incident.containment.executed", SecurityEventCategory.Incident, SecuritySeverity.High, "A containment action ran for an incident.");
}
