namespace TradingRl.Security.Incidents;

/// <summary>The life-cycle state of an incident (SANS phases; NIST SP 800-61 Rev. 3 maps them onto CSF 2.0 functions).</summary>
/// <remarks>
/// Legal moves: Identified → Acknowledged; Acknowledged → Contained or Resolved; Contained → Eradicated;
/// Eradicated → Recovered; Recovered → Resolved; Resolved → Closed (with a classification and lessons learned) or back
/// to Acknowledged (reopened by a person) or Identified (reopened by a new alert). Closed is final.
/// </remarks>
public enum IncidentStatus
{
    /// <summary>Detected and not yet acknowledged by a person; escalation runs.</summary>
    Identified = 0,

    /// <summary>A responder has taken it on.</summary>
    Acknowledged = 1,

    /// <summary>The damage is stopped from spreading (account locked, kill switch engaged).</summary>
    Contained = 2,

    /// <summary>The cause is removed.</summary>
    Eradicated = 3,

    /// <summary>Normal operation is restored and watched.</summary>
    Recovered = 4,

    /// <summary>Handled; may still be reopened by a new alert within the reopen window.</summary>
    Resolved = 5,

    /// <summary>Reviewed, classified and closed with lessons learned; final.</summary>
    Closed = 6,
}
