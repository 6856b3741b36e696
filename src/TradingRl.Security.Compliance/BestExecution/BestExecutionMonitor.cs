using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>Measures every fill's transaction costs, aggregates them per strategy, instrument and venue, and raises a compliance violation for each outlier.</summary>
/// <remarks>
/// <para>Thread-safe. An outlier (arrival slippage beyond <see cref="BestExecutionOptions.OutlierThresholdBps"/>) is
/// published as a <see cref="SecurityEventTypes.ComplianceViolation"/> with reason <see cref="OutlierReason"/>; the event
/// carries identifiers and basis points, never prices or quantities (order data). Aggregates are kept per UTC day of
/// <see cref="FillRecord.ExecutedAt"/> for 31 days, and since start.</para>
/// </remarks>
public sealed partial class BestExecutionMonitor : IDisposable
{
    /// <summary>The <c>reason</c> property of the violation an outlier raises.</summary>
    public const string OutlierReason = "best_execution_outlier";

    private const int RetainedDays = 31;

    private readonly BestExecutionOptions _options;
    private readonly ISecurityEventPublisher _publisher;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly QualityBook _total;
    private readonly DailyBuckets<QualityBook> _days;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _fillCounter;
    private readonly Counter<long> _outlierCounter;

    /// <summary>Initializes a monitor.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="publisher">Receives the outlier violations.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="meterFactory">Makes the <c>TradingRl.Security</c> meter; a private meter when omitted.</param>
    /// <exception cref="OptionsValidationException">The options are out of range.</exception>
    public BestExecutionMonitor(
        IOptions<BestExecutionOptions> options,
        ISecurityEventPublisher publisher,
        ILogger<BestExecutionMonitor>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        _options = ValidatedOptions.Get(options, new BestExecutionOptionsValidator());
        ArgumentNullException.ThrowIfNull(publisher);
        _days = new DailyBuckets<QualityBook>(RetainedDays, () => new QualityBook(_options.MaxAggregateKeys));
        _publisher = publisher;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _total = new QualityBook(_options.MaxAggregateKeys);
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _fillCounter = _meter.CreateCounter<long>("tradingrl.security.best_execution.fills", "{fill}", "Fills measured by best-execution monitoring.");
        _outlierCounter = _meter.CreateCounter<long>("tradingrl.security.best_execution.outliers", "{fill}", "Fills whose slippage went beyond the outlier threshold.");
    }

    /// <summary>Measures a fill, adds it to the aggregates and raises a violation when it is an outlier.</summary>
    /// <param name="fill">The fill.</param>
    /// <returns>The fill's cost figures. A fill id already recorded returns its figures again without counting twice.</returns>
    /// <exception cref="ArgumentException">The fill is malformed (an empty or too long identifier, an undefined side, a price or quantity not positive); nothing was recorded.</exception>
    public ExecutionQuality Record(in FillRecord fill)
    {
        var quality = TransactionCostCalculator.Measure(fill, _options.OutlierThresholdBps);
        var day = DailyBuckets<QualityBook>.DayOf(fill.ExecutedAt.UtcTicks);
        lock (_lock)
        {
            var book = _days.For(day);
            if (!Remember(fill.FillId))
            {
                _total.Duplicates++;
                book.Duplicates++;
                return quality;
            }

            _total.Add(fill, quality);
            book.Add(fill, quality);
        }

        _fillCounter.Add(1);
        if (quality.IsOutlier)
        {
            _outlierCounter.Add(1);
            PublishOutlier(fill, quality, day);
        }

        return quality;
    }

    /// <summary>Returns the aggregates since the monitor started.</summary>
    /// <returns>A snapshot.</returns>
    public BestExecutionStatistics GetStatistics()
    {
        lock (_lock)
        {
            return _total.ToStatistics();
        }
    }

    /// <summary>Returns the aggregates of one UTC day; empty for a day not seen or no longer kept.</summary>
    /// <param name="day">The UTC day.</param>
    /// <returns>A snapshot.</returns>
    public BestExecutionStatistics GetStatistics(DateOnly day)
    {
        lock (_lock)
        {
            return (_days.Find(day) ?? new QualityBook(1)).ToStatistics();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private bool Remember(string fillId)
    {
        if (_options.DeduplicationCapacity == 0)
        {
            return true;
        }

        if (!_seen.Add(fillId))
        {
            return false;
        }

        _seenOrder.Enqueue(fillId);
        if (_seenOrder.Count > _options.DeduplicationCapacity)
        {
            _seen.Remove(_seenOrder.Dequeue());
        }

        return true;
    }

    private void PublishOutlier(in FillRecord fill, in ExecutionQuality quality, DateOnly day)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reason"] = OutlierReason,
            ["fill_id"] = fill.FillId,
            ["strategy"] = fill.Strategy,
            ["instrument"] = fill.Instrument,
            ["venue"] = fill.Venue,
            ["side"] = fill.Side == MarketSide.Buy ? "buy" : "sell",
            ["slippage_bps"] = quality.ArrivalSlippageBps.ToString(CultureInfo.InvariantCulture),
            ["threshold_bps"] = _options.OutlierThresholdBps.ToString(CultureInfo.InvariantCulture),
            ["effective_spread_bps"] = quality.EffectiveSpreadBps.ToString(CultureInfo.InvariantCulture),
        };
        if (fill.OrderId is not null)
        {
            properties["order_id"] = fill.OrderId;
        }

        var violation = new SecurityEvent(SecurityEventTypes.ComplianceViolation.Type, SecurityEventTypes.ComplianceViolation.DefaultSeverity, fill.ExecutedAt)
        {
            Actor = fill.Strategy,
            Resource = "fill/" + fill.FillId,
            Outcome = SecurityOutcome.Failure,
            Properties = properties,
        };
        Log.Outlier(_logger, fill.FillId, quality.ArrivalSlippageBps, _options.OutlierThresholdBps);
        try
        {
            _publisher.Publish(violation);
        }
        catch (Exception ex) when (ex is SecurityEventPipelineClosedException or SecurityEventPublishTimeoutException)
        {
            lock (_lock)
            {
                _total.Unpublished++;
                if (_days.Find(day) is { } book)
                {
                    book.Unpublished++;
                }
            }

            Log.NotPublished(_logger, ex, fill.FillId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6411, Level = LogLevel.Warning, Message = "Best-execution outlier: fill {FillId} slipped {SlippageBps} bps (threshold {ThresholdBps} bps).")]
        public static partial void Outlier(ILogger logger, string fillId, decimal slippageBps, decimal thresholdBps);

        [LoggerMessage(EventId = 6412, Level = LogLevel.Error, Message = "The best-execution violation of fill {FillId} could not be published.")]
        public static partial void NotPublished(ILogger logger, Exception exception, string fillId);
    }
}
