namespace TradingRl.Security.Events;

/// <summary>How serious a security event is, in the seed's five levels.</summary>
public enum SecuritySeverity
{
    /// <summary>Routine activity recorded for the audit trail.</summary>
    Info = 0,

    /// <summary>Worth noting; no action expected.</summary>
    Low = 1,

    /// <summary>Needs review.</summary>
    Medium = 2,

    /// <summary>Needs prompt action.</summary>
    High = 3,

    /// <summary>Needs immediate action.</summary>
    Critical = 4,
}
