namespace TradingRl.Security.Compliance.Audit;

/// <summary>How a record reached the audit log.</summary>
public enum AuditRecordOrigin
{
    /// <summary>Delivered by the security-event pipeline.</summary>
    Pipeline = 0,

    /// <summary>Appended directly through <see cref="AuditTrail.AppendAsync(TradingRl.Security.Events.SecurityEvent, CancellationToken)"/> (compliance records: orders checked, decisions, fills, reports).</summary>
    Direct = 1,

    /// <summary>Written by the audit trail itself (recovery notes).</summary>
    System = 2,
}
