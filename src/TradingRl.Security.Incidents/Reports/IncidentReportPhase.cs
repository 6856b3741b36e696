namespace TradingRl.Security.Incidents;

/// <summary>One life-cycle phase in a report: when the incident entered it and its CSF 2.0 function and category.</summary>
/// <param name="Phase">The life-cycle state.</param>
/// <param name="EnteredAt">When the incident first entered it; <see langword="null"/> when it never did.</param>
/// <param name="Function">The CSF 2.0 function.</param>
/// <param name="Category">The CSF 2.0 category, e.g. <c>DE.AE</c>.</param>
public sealed record IncidentReportPhase(IncidentStatus Phase, DateTimeOffset? EnteredAt, CsfFunction Function, string Category);
