using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>Event types for compliance records appended directly to the audit trail (beside Core's built-in types such as <c>trading.order.filled</c> and <c>compliance.trade.reported</c>).</summary>
public static class AuditEventTypes
{
    /// <summary><c>compliance.order.checked</c>: An order went through the pre-trade checks (the decision and reason are in the properties).</summary>
    public static readonly SecurityEventDescriptor OrderChecked = new("compliance.order.checked", SecurityEventCategory.Compliance, SecuritySeverity.Info, "An order went through the pre-trade checks (the decision and reason are in the properties).");

    /// <summary><c>compliance.decision.recorded</c>: A compliance decision (approval, override, exception) was recorded.</summary>
    public static readonly SecurityEventDescriptor DecisionRecorded = new("compliance.decision.recorded", SecurityEventCategory.Compliance, SecuritySeverity.Low, "A compliance decision (approval, override, exception) was recorded.");

    /// <summary>Gets every type this class defines.</summary>
    public static IReadOnlyList<SecurityEventDescriptor> All { get; } = [OrderChecked, DecisionRecorded];
}
