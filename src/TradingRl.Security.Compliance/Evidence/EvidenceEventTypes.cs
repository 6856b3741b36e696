using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The event types of control evidence and data-subject requests (registered in the catalog by <c>AddEvidence</c>).</summary>
public static class EvidenceEventTypes
{
    /// <summary><c>compliance.evidence.pack</c>: An evidence pack was written; its manifest hash is in the properties.</summary>
    public static readonly SecurityEventDescriptor EvidencePackWritten = new("compliance.evidence.pack", SecurityEventCategory.Compliance, SecuritySeverity.Low, "An evidence pack was written; its manifest hash is in the properties.");

    /// <summary><c>privacy.request.received</c>: A data-subject request (export, erasure, consent) was received.</summary>
    public static readonly SecurityEventDescriptor SubjectRequestReceived = new("privacy.request.received", SecurityEventCategory.Data, SecuritySeverity.Low, "A data-subject request (export, erasure, consent) was received.");

    /// <summary><c>privacy.request.completed</c>: A data-subject request was completed.</summary>
    public static readonly SecurityEventDescriptor SubjectRequestCompleted = new("privacy.request.completed", SecurityEventCategory.Data, SecuritySeverity.Low, "A data-subject request was completed.");

    /// <summary>Gets every descriptor of this package part.</summary>
    public static IReadOnlyList<SecurityEventDescriptor> All { get; } = [EvidencePackWritten, SubjectRequestReceived, SubjectRequestCompleted];
}
