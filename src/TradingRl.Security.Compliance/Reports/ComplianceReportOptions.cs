using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance;

/// <summary>Settings of the daily compliance report and of the event collector behind it.</summary>
public sealed class ComplianceReportOptions
{
    /// <summary>Gets or sets how many UTC days of event tallies are kept.</summary>
    /// <value>Default 31; 1 to 366.</value>
    [Range(1, 366)]
    public int RetainedDays { get; set; } = 31;

    /// <summary>Gets or sets how many notable events (kill switch, state changes, surveillance alerts, violations) are listed per day; further ones are only counted.</summary>
    /// <value>Default 1,000; 0 to 100,000.</value>
    [Range(0, 100_000)]
    public int MaxDetailedEventsPerDay { get; set; } = 1_000;

    /// <summary>Gets or sets how many distinct reasons are counted per event type per day; further ones are pooled under <c>(other)</c>.</summary>
    /// <value>Default 256; 1 to 10,000.</value>
    [Range(1, 10_000)]
    public int MaxReasonsPerType { get; set; } = 256;

    /// <summary>Gets or sets how many recent event ids are remembered so that an event delivered twice (the pipeline delivers at least once) is counted once.</summary>
    /// <value>Default 131,072; 0 to 10,000,000.</value>
    [Range(0, 10_000_000)]
    public int DeduplicationCapacity { get; set; } = 131_072;

    /// <summary>Gets the <c>reason</c> values of <c>compliance.violation</c> events that are late trade reports.</summary>
    /// <value>Default <c>late_report</c>, <c>trade_report_late</c>.</value>
    public HashSet<string> LateReportReasons { get; } = new(StringComparer.Ordinal) { "late_report", "trade_report_late" };

    /// <summary>Gets the <c>reason</c> values of <c>compliance.violation</c> events that are best-execution outliers.</summary>
    /// <value>Default <see cref="BestExecutionMonitor.OutlierReason"/>.</value>
    public HashSet<string> BestExecutionOutlierReasons { get; } = new(StringComparer.Ordinal) { BestExecutionMonitor.OutlierReason };
}

/// <summary>Validates <see cref="ComplianceReportOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class ComplianceReportOptionsValidator : IValidateOptions<ComplianceReportOptions>
{
}
