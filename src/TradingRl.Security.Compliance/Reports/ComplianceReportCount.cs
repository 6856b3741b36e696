namespace TradingRl.Security.Compliance;

/// <summary>A count under a name: an event type, a reason code or a counter.</summary>
/// <param name="Name">The name.</param>
/// <param name="Count">The count.</param>
public sealed record ComplianceReportCount(string Name, long Count);
