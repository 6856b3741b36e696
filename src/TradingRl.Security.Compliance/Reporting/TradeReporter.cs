using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>Validates trade reports, sends them to the sink, and checks each against its regime's deadline.</summary>
/// <remarks>
/// Thread-safe. A valid report is written, then <c>compliance.trade.reported</c> is published; one submitted after its deadline also
/// publishes <c>compliance.violation</c> (reason <c>trade_report_late</c>, counted as a late report by the compliance report). Events carry the trade id, regime and timing, never price or quantity.
/// </remarks>
public sealed partial class TradeReporter : IDisposable
{
    /// <summary>How far in the future an execution time may be, for clock skew between the venue and this host.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(5);

    private readonly ITradeReportSink _sink;
    private readonly ISecurityEventPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ReportingRegime> _regimes;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _reports;
    private long _submitted;
    private long _late;

    /// <summary>Initializes the reporter.</summary>
    /// <param name="sink">Where reports go.</param>
    /// <param name="publisher">Receives reported and late-report events.</param>
    /// <param name="options">The compliance options (regimes).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="meterFactory">Makes the <c>TradingRl.Security</c> meter; a private meter when omitted.</param>
    /// <exception cref="OptionsValidationException">A regime is malformed.</exception>
    public TradeReporter(
        ITradeReportSink sink,
        ISecurityEventPublisher publisher,
        IOptions<ComplianceOptions> options,
        TimeProvider timeProvider,
        ILogger<TradeReporter>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var reporting = options.Value.Reporting;
        var errors = reporting.RegimeErrors().ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(nameof(ComplianceOptions), typeof(ComplianceOptions), errors);
        }

        _sink = sink;
        _publisher = publisher;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _regimes = new Dictionary<string, ReportingRegime>(reporting.Regimes, StringComparer.Ordinal);
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _reports = _meter.CreateCounter<long>(ComplianceTelemetry.TradeReports, "{report}", "Trade reports written. Tag late.");
    }

    /// <summary>Gets the number of reports submitted.</summary>
    public long Submitted => Interlocked.Read(ref _submitted);

    /// <summary>Gets the number of reports submitted after their deadline.</summary>
    public long Late => Interlocked.Read(ref _late);

    /// <summary>Returns when a report of a trade executed at a time is due under a regime.</summary>
    /// <param name="executionTime">The execution time.</param>
    /// <param name="regime">The regime; <see langword="null"/> for the default.</param>
    /// <returns>The deadline.</returns>
    /// <exception cref="KeyNotFoundException">The regime is not configured.</exception>
    public DateTimeOffset DueBy(DateTimeOffset executionTime, string? regime = null) => GetRegime(regime).DueBy(executionTime);

    /// <summary>Validates a report, writes it to the sink and checks its deadline.</summary>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The receipt: submission time, deadline and whether it was late.</returns>
    /// <exception cref="InvalidTradeReportException">A field is missing or malformed, the execution time is in the future, or the regime is unknown; nothing was written.</exception>
    /// <exception cref="IOException">The sink failed; the report was not acknowledged and must be retried.</exception>
    public async ValueTask<TradeReportReceipt> ReportAsync(TradeReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = TradeReportValidator.Validate(report);
        var regimeName = report.Regime ?? TradeReportingOptions.DefaultRegimeName;
        var now = _time.GetUtcNow();
        if (!_regimes.TryGetValue(regimeName, out var regime))
        {
            errors = [.. errors, $"Regime names no configured reporting regime; configure it under Reporting.Regimes or leave it empty for '{TradeReportingOptions.DefaultRegimeName}'."];
        }

        if (report.ExecutionTime > now + MaxClockSkew)
        {
            errors = [.. errors, $"ExecutionTime is more than {MaxClockSkew.TotalSeconds:0} s in the future; check the clock source."];
        }

        if (errors.Count > 0)
        {
            throw new InvalidTradeReportException(errors);
        }

        var dueBy = regime!.DueBy(report.ExecutionTime);
        var receipt = new TradeReportReceipt(report.TradeId, regimeName, now, dueBy);
        await _sink.WriteAsync(report, receipt, cancellationToken).ConfigureAwait(false);

        Interlocked.Increment(ref _submitted);
        _reports.Add(1, new KeyValuePair<string, object?>("late", receipt.IsLate ? "true" : "false"));
        _publisher.Publish(SecurityEventTypes.TradeReported, now, report.AlgorithmId ?? report.TraderId, "trade/" + report.TradeId, SecurityOutcome.Success, new Dictionary<string, string>
            {
                ["trade_id"] = report.TradeId,
                ["regime"] = regimeName,
                ["due_by"] = dueBy.ToString("O", CultureInfo.InvariantCulture),
                ["late"] = receipt.IsLate ? "true" : "false",
            });

        if (receipt.IsLate)
        {
            Interlocked.Increment(ref _late);
            Log.Late(_logger, report.TradeId, regimeName, receipt.Lateness);
            _publisher.Publish(SecurityEventTypes.ComplianceViolation, now, report.AlgorithmId ?? report.TraderId, "trade/" + report.TradeId, SecurityOutcome.Failure, new Dictionary<string, string>
                {
                    ["reason"] = "trade_report_late",
                    ["trade_id"] = report.TradeId,
                    ["regime"] = regimeName,
                    ["due_by"] = dueBy.ToString("O", CultureInfo.InvariantCulture),
                    ["late_by_ms"] = ((long)receipt.Lateness.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                });
        }

        return receipt;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private ReportingRegime GetRegime(string? name) =>
        _regimes.TryGetValue(name ?? TradeReportingOptions.DefaultRegimeName, out var r)
            ? r
            : throw new KeyNotFoundException($"The reporting regime '{name}' is not configured; add it under Reporting.Regimes.");

    private static partial class Log
    {
        [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Trade report {TradeId} under regime {Regime} was late by {Lateness}.")]
        public static partial void Late(ILogger logger, string tradeId, string regime, TimeSpan lateness);
    }
}
