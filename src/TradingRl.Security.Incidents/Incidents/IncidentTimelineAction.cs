namespace TradingRl.Security.Incidents;

/// <summary>What kind of change a timeline entry records.</summary>
public enum IncidentTimelineAction
{
    /// <summary>The incident was opened by an alert.</summary>
    Opened = 0,

    /// <summary>An alert with the same deduplication key was added.</summary>
    AlertAdded = 1,

    /// <summary>Further matching events were suppressed into an existing alert.</summary>
    EventsSuppressed = 2,

    /// <summary>The life-cycle state changed.</summary>
    StatusChanged = 3,

    /// <summary>The incident was assigned.</summary>
    Assigned = 4,

    /// <summary>The severity rose with a more severe alert.</summary>
    SeverityRaised = 5,

    /// <summary>An escalation level was reached.</summary>
    Escalated = 6,

    /// <summary>A notification was sent.</summary>
    Notified = 7,

    /// <summary>A notification failed after every attempt.</summary>
    NotificationFailed = 8,

    /// <summary>A containment action ran (or failed).</summary>
    Containment = 9,

    /// <summary>A responder added a note.</summary>
    Note = 10,

    /// <summary>The incident was reopened.</summary>
    Reopened = 11,

    /// <summary>The time-to-acknowledge target was missed.</summary>
    SlaBreached = 12,
}
