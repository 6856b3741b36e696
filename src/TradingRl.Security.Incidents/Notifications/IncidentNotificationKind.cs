namespace TradingRl.Security.Incidents;

/// <summary>Why a notification is sent.</summary>
public enum IncidentNotificationKind
{
    /// <summary>An escalation level was reached (level 0 is the notice at opening).</summary>
    Escalation = 0,

    /// <summary>The time-to-acknowledge target was missed.</summary>
    SlaBreach = 1,
}
