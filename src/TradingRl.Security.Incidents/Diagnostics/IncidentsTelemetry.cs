namespace TradingRl.Security.Incidents;

/// <summary>The names of the Incidents package's instruments on the suite's <c>TradingRl.Security</c> meter.</summary>
public static class IncidentsTelemetry
{
    /// <summary>Counter: events evaluated by detection rules.</summary>
    public const string DetectionEvents = "tradingrl.security.incidents.detection.events";

    /// <summary>Counter: redelivered events ignored by id.</summary>
    public const string DetectionDuplicates = "tradingrl.security.incidents.detection.duplicates";

    /// <summary>Counter: events dropped because they were later than the allowed lateness.</summary>
    public const string DetectionDroppedLate = "tradingrl.security.incidents.detection.dropped_late";

    /// <summary>Counter: events stamped beyond the allowed clock skew and clamped to the host clock.</summary>
    public const string DetectionClockSkew = "tradingrl.security.incidents.detection.clock_skew_clamped";

    /// <summary>Counter: group keys evicted at the per-rule key cap. Tag <c>reason</c>: <c>capacity</c> (live state lost) or <c>expired</c>.</summary>
    public const string DetectionKeysEvicted = "tradingrl.security.incidents.detection.keys_evicted";

    /// <summary>Counter: events dropped from a key's window buffer at its capacity (distinct-count and sequence rules).</summary>
    public const string DetectionWindowEvictions = "tradingrl.security.incidents.detection.window_evictions";

    /// <summary>Counter: alerts raised.</summary>
    public const string AlertsRaised = "tradingrl.security.incidents.alerts.raised";

    /// <summary>Counter: matching events suppressed into an earlier alert.</summary>
    public const string AlertsSuppressed = "tradingrl.security.incidents.alerts.suppressed";

    /// <summary>Counter: incidents opened. Tag <c>severity</c>.</summary>
    public const string IncidentsOpened = "tradingrl.security.incidents.opened";

    /// <summary>Counter: escalation levels reached. Tag <c>severity</c>.</summary>
    public const string IncidentsEscalated = "tradingrl.security.incidents.escalated";

    /// <summary>Histogram: time from opening to acknowledgement, in seconds. Tag <c>severity</c>.</summary>
    public const string TimeToAcknowledge = "tradingrl.security.incidents.time_to_acknowledge";

    /// <summary>Counter: incidents not acknowledged within their severity's target. Tag <c>severity</c>.</summary>
    public const string SlaBreaches = "tradingrl.security.incidents.sla_breaches";

    /// <summary>Counter: notifications that failed after every attempt. Tag <c>channel</c>.</summary>
    public const string NotificationFailures = "tradingrl.security.incidents.notification_failures";

    /// <summary>Counter: containment actions run. Tags <c>action</c> and <c>outcome</c>.</summary>
    public const string ContainmentActions = "tradingrl.security.incidents.containment_actions";
}
