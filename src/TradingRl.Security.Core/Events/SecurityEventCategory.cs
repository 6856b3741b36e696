namespace TradingRl.Security.Events;

/// <summary>The monitoring area of an event type, after the seed's section 6.1.</summary>
public enum SecurityEventCategory
{
    /// <summary>Sign-in, passwords, lockouts, MFA, tokens and sessions.</summary>
    Authentication = 0,

    /// <summary>Permission and role changes, access violations, privilege escalation.</summary>
    Authorization = 1,

    /// <summary>Rate limits, input validation, headers, API abuse.</summary>
    Api = 2,

    /// <summary>Data access, encryption, classification, leakage.</summary>
    Data = 3,

    /// <summary>System access, configuration, patches, vulnerability scans.</summary>
    System = 4,

    /// <summary>Orders, fills, risk controls, surveillance and reporting.</summary>
    Trading = 5,

    /// <summary>Compliance records and violations.</summary>
    Compliance = 6,

    /// <summary>Incident detection and response.</summary>
    Incident = 7,
}
