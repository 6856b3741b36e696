using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>One notable event listed in a compliance report (kill switch, state change, surveillance alert, violation).</summary>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Type">The dotted event type.</param>
/// <param name="Severity">The severity.</param>
/// <param name="Actor">Who acted, when known.</param>
/// <param name="Resource">The resource, when known.</param>
/// <param name="Reason">The <c>reason</c> property, when present.</param>
/// <param name="EventId">The security event id, to find it in the audit trail.</param>
public sealed record ComplianceReportEntry(
    DateTimeOffset Timestamp,
    string Type,
    SecuritySeverity Severity,
    string? Actor,
    string? Resource,
    string? Reason,
    Guid EventId);
