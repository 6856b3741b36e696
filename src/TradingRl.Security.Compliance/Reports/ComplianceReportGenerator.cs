using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TradingRl.Security.Compliance.Evidence;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>Builds the daily compliance report from the collected security events and the monitors' statistics, and writes it as JSON and Markdown.</summary>
/// <remarks>Thread-safe. Files are written to a temporary name and then moved into place, so a reader never sees half a report.</remarks>
public sealed partial class ComplianceReportGenerator
{
    private readonly ComplianceReportCollector _collector;
    private readonly TimeProvider _timeProvider;
    private readonly ISecurityEventPublisher? _publisher;
    private readonly SurveillanceMonitor? _surveillance;
    private readonly BestExecutionMonitor? _bestExecution;
    private readonly ILogger _logger;
    private readonly ScorecardCalculator? _scorecard;

    /// <summary>Initializes a generator.</summary>
    /// <param name="collector">The event tallies.</param>
    /// <param name="timeProvider">The clock for <see cref="DailyComplianceReport.GeneratedAt"/>.</param>
    /// <param name="publisher">Receives a <see cref="SecurityEventTypes.ComplianceReportGenerated"/> event per written report; none when omitted.</param>
    /// <param name="surveillance">The surveillance monitor whose statistics are included; none when omitted.</param>
    /// <param name="bestExecution">The best-execution monitor whose aggregates are included; none when omitted.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="scorecard">Computes the section 9 scorecard of the day from the audit trail for <see cref="WriteAsync"/> (registered by <c>AddEvidence</c>); no scorecard section when omitted.</param>
    public ComplianceReportGenerator(
        ComplianceReportCollector collector,
        TimeProvider timeProvider,
        ISecurityEventPublisher? publisher = null,
        SurveillanceMonitor? surveillance = null,
        BestExecutionMonitor? bestExecution = null,
        ILogger<ComplianceReportGenerator>? logger = null,
        ScorecardCalculator? scorecard = null)
    {
        ArgumentNullException.ThrowIfNull(collector);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _collector = collector;
        _timeProvider = timeProvider;
        _publisher = publisher;
        _surveillance = surveillance;
        _bestExecution = bestExecution;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _scorecard = scorecard;
    }

    /// <summary>Builds the report of one UTC day.</summary>
    /// <param name="day">The UTC day.</param>
    /// <returns>The report, without a scorecard section (that needs the audit trail: see <see cref="WriteAsync"/>); all counts zero for a day with no events.</returns>
    public DailyComplianceReport Build(DateOnly day) => Build(day, null);

    private DailyComplianceReport Build(DateOnly day, ComplianceScorecard? scorecard)
    {
        var tally = _collector.Snapshot(day);
        var options = _collector.Options;
        var reasons = (SecurityEventDescriptor d) => tally.ByTypeAndReason.GetValueOrDefault(d.Type) ?? [];
        long Count(SecurityEventDescriptor d) => tally.ByType.GetValueOrDefault(d.Type);

        var violations = reasons(SecurityEventTypes.ComplianceViolation);
        var late = violations.Where(p => options.LateReportReasons.Contains(p.Key)).ToList();
        var outliers = violations.Where(p => options.BestExecutionOutlierReasons.Contains(p.Key)).ToList();
        var breaches = violations.Where(p => !options.LateReportReasons.Contains(p.Key) && !options.BestExecutionOutlierReasons.Contains(p.Key)).ToList();
        var submitted = Count(SecurityEventTypes.OrderSubmitted);
        var denied = Count(SecurityEventTypes.OrderDenied);

        return new DailyComplianceReport
        {
            Date = day,
            GeneratedAt = _timeProvider.GetUtcNow(),
            EventsRecorded = tally.Events,
            OrdersChecked = tally.Counters.TryGetValue("orders_checked", out var checkedOrders) ? checkedOrders : submitted + denied,
            OrdersSubmitted = submitted,
            OrdersDenied = denied,
            DenialsByReason = ByCount(reasons(SecurityEventTypes.OrderDenied)),
            LimitBreaches = breaches.Sum(p => p.Value),
            LimitBreachesByReason = ByCount(breaches),
            StateChanges = Count(SecurityEventTypes.TradingStateChanged),
            StateChangesByReason = ByCount(reasons(SecurityEventTypes.TradingStateChanged)),
            KillSwitchEngagements = Count(SecurityEventTypes.KillSwitchEngaged),
            KillSwitchReleases = Count(SecurityEventTypes.KillSwitchReleased),
            SurveillanceAlerts = Count(SecurityEventTypes.SurveillanceAlert),
            SurveillanceAlertsByReason = ByCount(reasons(SecurityEventTypes.SurveillanceAlert)),
            TradesReported = Count(SecurityEventTypes.TradeReported),
            LateReports = late.Sum(p => p.Value),
            BestExecutionOutliers = outliers.Sum(p => p.Value),
            EventsByType = [.. tally.ByType.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ComplianceReportCount(p.Key, p.Value))],
            Counters = [.. tally.Counters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ComplianceReportCount(p.Key, p.Value))],
            NotableEvents = [.. tally.Details.OrderBy(e => e.Timestamp)],
            NotableEventsOmitted = tally.DetailsDropped,
            Surveillance = _surveillance?.GetStatistics(day),
            BestExecution = _bestExecution?.GetStatistics(day),
            Scorecard = scorecard,
        };
    }

    /// <summary>Builds the report of one UTC day and writes <c>compliance-report-YYYY-MM-DD.json</c> and <c>.md</c> into a directory, replacing earlier versions.</summary>
    /// <remarks>With a <see cref="ScorecardCalculator"/>, the report carries the section 9 scorecard of the audit records recorded that UTC day
    /// (<see cref="DailyComplianceReport.Scorecard"/>); a scorecard that cannot be computed (the day holds more than
    /// <see cref="EvidenceOptions.MaxRecords"/> records) stops the write, so no report claims a scorecard it lacks.</remarks>
    /// <param name="day">The UTC day.</param>
    /// <param name="outputDirectory">The directory; created when missing.</param>
    /// <param name="cancellationToken">Cancels the writing; no file is left half-written.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The directory path is empty or malformed.</exception>
    /// <exception cref="IOException">The directory cannot be created or written (e.g. the path is a file).</exception>
    /// <exception cref="UnauthorizedAccessException">Writing is not permitted.</exception>
    public async ValueTask<ComplianceReportFiles> WriteAsync(DateOnly day, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var directory = Path.GetFullPath(outputDirectory);
        if (File.Exists(directory))
        {
            throw new IOException($"The compliance report output path '{directory}' is a file; give a directory.");
        }

        Directory.CreateDirectory(directory);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var scorecard = _scorecard is null ? null : await _scorecard.ComputeAsync(start, start.AddDays(1), cancellationToken).ConfigureAwait(false);
        var report = Build(day, scorecard);
        var stem = "compliance-report-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var files = new ComplianceReportFiles(Path.Combine(directory, stem + ".json"), Path.Combine(directory, stem + ".md"));
        var jsonTemp = files.JsonPath + ".tmp";
        var markdownTemp = files.MarkdownPath + ".tmp";
        try
        {
            await File.WriteAllTextAsync(jsonTemp, ToJson(report), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(markdownTemp, ToMarkdown(report), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(jsonTemp, files.JsonPath, overwrite: true);
            File.Move(markdownTemp, files.MarkdownPath, overwrite: true);
        }
        finally
        {
            File.Delete(jsonTemp);
            File.Delete(markdownTemp);
        }

        Log.Written(_logger, day, files.JsonPath);
        if (_publisher is not null)
        {
            var descriptor = SecurityEventTypes.ComplianceReportGenerated;
            await _publisher.PublishAsync(
                new SecurityEvent(descriptor.Type, descriptor.DefaultSeverity, _timeProvider.GetUtcNow())
                {
                    Resource = "compliance-report/" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Outcome = SecurityOutcome.Success,
                    Properties = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["events"] = report.EventsRecorded.ToString(CultureInfo.InvariantCulture),
                        ["surveillance_alerts"] = report.SurveillanceAlerts.ToString(CultureInfo.InvariantCulture),
                        ["orders_denied"] = report.OrdersDenied.ToString(CultureInfo.InvariantCulture),
                    },
                },
                cancellationToken).ConfigureAwait(false);
        }

        return files;
    }

    /// <summary>Renders a report as indented JSON with snake_case names.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(DailyComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, ComplianceReportJsonContext.Default.DailyComplianceReport);
    }

    /// <summary>Renders a report as Markdown (summary, counts by reason, monitor statistics, notable events).</summary>
    /// <param name="report">The report.</param>
    /// <returns>The Markdown text.</returns>
    public static string ToMarkdown(DailyComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ComplianceReportMarkdown.Render(report);
    }

    private static ComplianceReportCount[] ByCount(IEnumerable<KeyValuePair<string, long>> counts) =>
        [.. counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new ComplianceReportCount(p.Key, p.Value))];

    private static partial class Log
    {
        [LoggerMessage(EventId = 6421, Level = LogLevel.Information, Message = "Compliance report of {Day} written to {Path}.")]
        public static partial void Written(ILogger logger, DateOnly day, string path);
    }
}
