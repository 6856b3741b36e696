namespace TradingRl.Security.Compliance;

/// <summary>One UTC day's compliance report: pre-trade checks and denials, limit breaches, state changes, kill-switch use, surveillance alerts, late reports and best execution.</summary>
/// <remarks>Built from the day's security events (see <see cref="ComplianceReportCollector"/>) and the monitors' own statistics; render it with <see cref="ComplianceReportGenerator.ToJson"/> or <see cref="ComplianceReportGenerator.ToMarkdown"/>.</remarks>
public sealed class DailyComplianceReport
{
    /// <summary>Gets the UTC day reported on.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Gets when the report was generated.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets the security events of the day that were counted.</summary>
    public long EventsRecorded { get; init; }

    /// <summary>Gets the orders run through the pre-trade checks: the <c>orders_checked</c> counter when given, otherwise orders submitted plus orders denied.</summary>
    public long OrdersChecked { get; init; }

    /// <summary>Gets the orders that passed the checks and were sent (<c>trading.order.submitted</c>).</summary>
    public long OrdersSubmitted { get; init; }

    /// <summary>Gets the orders refused (<c>trading.order.denied</c>).</summary>
    public long OrdersDenied { get; init; }

    /// <summary>Gets the denials by reason code, most frequent first.</summary>
    public IReadOnlyList<ComplianceReportCount> DenialsByReason { get; init; } = [];

    /// <summary>Gets the compliance violations that are neither late reports nor best-execution outliers.</summary>
    public long LimitBreaches { get; init; }

    /// <summary>Gets the limit breaches by reason code.</summary>
    public IReadOnlyList<ComplianceReportCount> LimitBreachesByReason { get; init; } = [];

    /// <summary>Gets the trading-state changes (<c>trading.state.changed</c>).</summary>
    public long StateChanges { get; init; }

    /// <summary>Gets the state changes by reason code.</summary>
    public IReadOnlyList<ComplianceReportCount> StateChangesByReason { get; init; } = [];

    /// <summary>Gets the times the kill switch was engaged.</summary>
    public long KillSwitchEngagements { get; init; }

    /// <summary>Gets the times the kill switch was released.</summary>
    public long KillSwitchReleases { get; init; }

    /// <summary>Gets the surveillance alerts.</summary>
    public long SurveillanceAlerts { get; init; }

    /// <summary>Gets the surveillance alerts by reason code (e.g. <c>spoofing</c>).</summary>
    public IReadOnlyList<ComplianceReportCount> SurveillanceAlertsByReason { get; init; } = [];

    /// <summary>Gets the trade reports sent (<c>compliance.trade.reported</c>).</summary>
    public long TradesReported { get; init; }

    /// <summary>Gets the late trade reports (violations whose reason is in <see cref="ComplianceReportOptions.LateReportReasons"/>).</summary>
    public long LateReports { get; init; }

    /// <summary>Gets the best-execution outliers (violations whose reason is in <see cref="ComplianceReportOptions.BestExecutionOutlierReasons"/>).</summary>
    public long BestExecutionOutliers { get; init; }

    /// <summary>Gets every event type of the day with its count, by type name.</summary>
    public IReadOnlyList<ComplianceReportCount> EventsByType { get; init; } = [];

    /// <summary>Gets the counters given with <see cref="ComplianceReportCollector.AddCounter"/>, by name.</summary>
    public IReadOnlyList<ComplianceReportCount> Counters { get; init; } = [];

    /// <summary>Gets the notable events (kill switch, state changes, surveillance alerts, violations), oldest first.</summary>
    public IReadOnlyList<ComplianceReportEntry> NotableEvents { get; init; } = [];

    /// <summary>Gets the notable events left out of <see cref="NotableEvents"/> by <see cref="ComplianceReportOptions.MaxDetailedEventsPerDay"/>.</summary>
    public long NotableEventsOmitted { get; init; }

    /// <summary>Gets the surveillance monitor's statistics of the day, when a monitor is registered.</summary>
    public SurveillanceStatistics? Surveillance { get; init; }

    /// <summary>Gets the best-execution aggregates of the day, when a monitor is registered.</summary>
    public BestExecutionStatistics? BestExecution { get; init; }

    /// <summary>Gets the section 9 scorecard of the day's audit records, when the report was written with a <see cref="Evidence.ScorecardCalculator"/>.</summary>
    /// <remarks>In the JSON it has the shape of <see cref="Evidence.ScorecardJsonWriter"/>.</remarks>
    [System.Text.Json.Serialization.JsonConverter(typeof(Evidence.ScorecardJsonConverter))]
    public Evidence.ComplianceScorecard? Scorecard { get; init; }
}
