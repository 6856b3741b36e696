using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>Runs the market-abuse detectors (wash trades, spoofing and layering, order-to-trade and cancel ratios, quote stuffing, marking the close) over the order and execution stream.</summary>
/// <remarks>
/// <para>Thread-safe: events are serialized by one lock, so feed them in time order. Each alert is kept in a bounded
/// list of recent alerts and published as a <see cref="SecurityEventTypes.SurveillanceAlert"/> event whose id is the
/// alert id; a pipeline that refuses it is logged and counted, never thrown into the order path.</para>
/// <para>State is bounded: tracked orders, account-and-instrument pairs, trades per instrument and evidence lists all
/// have caps (see <see cref="SurveillanceOptions"/>). An event that raises no alert allocates nothing once the pairs it
/// touches have been seen.</para>
/// </remarks>
public sealed partial class SurveillanceMonitor : IDisposable
{
    private const int RetainedDays = 31;
    private const int MaxPeakWindowEvents = 1 << 20;
    private const int MaxOrderIdsInEvent = 32;

    private readonly SurveillanceOptions _options;
    private readonly ISecurityEventPublisher _publisher;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, TrackedOrder> _orders = [];
    private readonly Dictionary<SurveillanceKey, ParticipantState> _participants = [];
    private readonly OrderRatioDetector _ratios;
    private readonly QuoteStuffingDetector _stuffing;
    private readonly SpoofingDetector _spoofing;
    private readonly WashTradeDetector _wash;
    private readonly MarkingTheCloseDetector _close;
    private readonly TimestampWindow _marketWindow;
    private readonly long _marketWindowTicks;
    private readonly long _fleetingTicks;
    private readonly SurveillanceCounters _total = new();
    private readonly DailyBuckets<SurveillanceCounters> _days = new(RetainedDays, static () => new SurveillanceCounters());
    private readonly Queue<SurveillanceAlert> _recent = new();
    private readonly List<SurveillanceAlert> _pending = [];
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _alertCounter;
    private DateOnly _lastOrderSweep;
    private DateOnly _lastKeySweep;
    private long _latestTicks = long.MinValue;

    /// <summary>Initializes a monitor.</summary>
    /// <param name="options">The thresholds and bounds.</param>
    /// <param name="publisher">Receives each alert as a security event.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="meterFactory">Makes the <c>TradingRl.Security</c> meter; a private meter when omitted.</param>
    /// <exception cref="OptionsValidationException">The options are out of range.</exception>
    public SurveillanceMonitor(
        IOptions<SurveillanceOptions> options,
        ISecurityEventPublisher publisher,
        ILogger<SurveillanceMonitor>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        _options = ValidatedOptions.Get(options, new SurveillanceOptionsValidator());
        ArgumentNullException.ThrowIfNull(publisher);
        _publisher = publisher;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ratios = new OrderRatioDetector(_options);
        _stuffing = new QuoteStuffingDetector(_options);
        _spoofing = new SpoofingDetector(_options);
        _wash = new WashTradeDetector(_options);
        _close = new MarkingTheCloseDetector(_options);
        _marketWindow = new TimestampWindow(1024, MaxPeakWindowEvents);
        _marketWindowTicks = _options.QuoteStuffingWindow.Ticks;
        _fleetingTicks = _options.FleetingOrderThreshold.Ticks;

        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _alertCounter = _meter.CreateCounter<long>("tradingrl.security.surveillance.alerts", "{alert}", "Market-abuse alerts raised. Tag reason.");
        _meter.CreateObservableCounter("tradingrl.security.surveillance.events", () => Volatile.Read(ref _total.Events), "{event}", "Order and execution events observed by surveillance.");
    }

    /// <summary>Feeds one order or execution event to every detector.</summary>
    /// <param name="marketEvent">The event.</param>
    /// <returns>The number of alerts the event raised.</returns>
    /// <exception cref="ArgumentException">The event is malformed (no instrument, an undefined kind or side, a negative or missing price or quantity, an identifier too long); nothing was recorded.</exception>
    public int Observe(in MarketEvent marketEvent)
    {
        Validate(marketEvent);
        SurveillanceAlert[]? raised = null;
        lock (_lock)
        {
            ObserveLocked(marketEvent);
            if (_pending.Count > 0)
            {
                raised = TakePending();
            }
        }

        if (raised is null)
        {
            return 0;
        }

        Publish(raised);
        return raised.Length;
    }

    /// <summary>Runs the marking-the-close detector for an instrument at its close and forgets its trades.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="closingPrice">The official closing price.</param>
    /// <param name="closeTime">The time of the close; trades after it are ignored.</param>
    /// <returns>The alerts raised (one per account that marked the close).</returns>
    /// <exception cref="ArgumentException">The instrument is empty or the price not positive.</exception>
    public IReadOnlyList<SurveillanceAlert> CloseSession(string instrument, decimal closingPrice, DateTimeOffset closeTime)
    {
        ArgumentException.ThrowIfNullOrEmpty(instrument);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(closingPrice);
        SurveillanceAlert[] raised;
        lock (_lock)
        {
            _close.Close(instrument, closingPrice, closeTime, _pending);
            raised = TakePending();
        }

        Publish(raised);
        return raised;
    }

    /// <summary>Returns the statistics since the monitor started.</summary>
    /// <returns>A snapshot.</returns>
    public SurveillanceStatistics GetStatistics()
    {
        lock (_lock)
        {
            return _total.ToStatistics();
        }
    }

    /// <summary>Returns the statistics of one UTC day (by event time), empty for a day not seen or no longer kept (31 days are kept).</summary>
    /// <param name="day">The UTC day.</param>
    /// <returns>A snapshot.</returns>
    public SurveillanceStatistics GetStatistics(DateOnly day)
    {
        lock (_lock)
        {
            return _days.Find(day)?.ToStatistics() ?? new SurveillanceStatistics();
        }
    }

    /// <summary>Returns the most recent alerts, oldest first.</summary>
    /// <returns>At most <see cref="SurveillanceOptions.MaxRecentAlerts"/> alerts.</returns>
    public IReadOnlyList<SurveillanceAlert> GetRecentAlerts()
    {
        lock (_lock)
        {
            return [.. _recent];
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

    internal static SecurityEvent ToSecurityEvent(SurveillanceAlert alert)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reason"] = alert.ReasonCode,
            ["detector"] = "surveillance",
            ["instrument"] = Truncate(alert.Instrument),
            ["summary"] = Truncate(alert.Summary),
            ["evidence_count"] = alert.Evidence.Count.ToString(CultureInfo.InvariantCulture),
        };
        if (alert.Account is not null)
        {
            properties["account"] = alert.Account;
        }

        if (alert.Owner is not null)
        {
            properties["owner"] = alert.Owner;
        }

        if (alert.Evidence.Count > 0)
        {
            properties["orders"] = string.Join(',', alert.Evidence.Select(e => e.OrderId).Where(id => id != 0).Distinct().Take(MaxOrderIdsInEvent));
            properties["first_at"] = alert.Evidence.Min(e => e.Timestamp).ToString("O", CultureInfo.InvariantCulture);
            properties["last_at"] = alert.Evidence.Max(e => e.Timestamp).ToString("O", CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in alert.Measures)
        {
            if (properties.Count >= SecurityEvent.MaxProperties)
            {
                break;
            }

            properties[name] = value.ToString(CultureInfo.InvariantCulture);
        }

        var severity = alert.Kind is SurveillanceAlertKind.ExcessiveOrderToTradeRatio or SurveillanceAlertKind.ExcessiveCancelRatio or SurveillanceAlertKind.QuoteStuffing
            ? SecuritySeverity.Medium
            : SecurityEventTypes.SurveillanceAlert.DefaultSeverity;
        return new SecurityEvent(SecurityEventTypes.SurveillanceAlert.Type, severity, alert.DetectedAt, alert.Id)
        {
            Actor = alert.Account,
            Resource = Truncate("instrument/" + alert.Instrument),
            Outcome = SecurityOutcome.Unknown,
            Properties = properties,
        };
    }

    private static string Truncate(string value) => value.Length <= SecurityEvent.MaxValueLength ? value : value[..SecurityEvent.MaxValueLength];

    private static void Validate(in MarketEvent e)
    {
        if (!Enum.IsDefined(e.Kind))
        {
            throw new ArgumentException($"MarketEvent.Kind {(int)e.Kind} is not a defined MarketEventKind.", nameof(e));
        }

        if (!Enum.IsDefined(e.Side))
        {
            throw new ArgumentException($"MarketEvent.Side {(int)e.Side} is not a defined MarketSide.", nameof(e));
        }

        if (string.IsNullOrEmpty(e.Instrument) || e.Instrument.Length > MarketEvent.MaxIdentifierLength)
        {
            throw new ArgumentException($"MarketEvent.Instrument must be 1 to {MarketEvent.MaxIdentifierLength} characters long.", nameof(e));
        }

        CheckIdentifier(e.Account, "Account");
        CheckIdentifier(e.Owner, "Owner");
        CheckIdentifier(e.ContraAccount, "ContraAccount");
        CheckIdentifier(e.ContraOwner, "ContraOwner");
        if (e.Price < 0 || e.Quantity < 0)
        {
            throw new ArgumentException("MarketEvent.Price and MarketEvent.Quantity must not be negative.", nameof(e));
        }

        if (e.Kind is MarketEventKind.OrderAdded or MarketEventKind.OrderExecuted && e.Quantity == 0)
        {
            throw new ArgumentException($"A {e.Kind} event needs a positive MarketEvent.Quantity.", nameof(e));
        }

        if (e.Kind == MarketEventKind.OrderExecuted && e.Price == 0)
        {
            throw new ArgumentException("An OrderExecuted event needs a positive MarketEvent.Price.", nameof(e));
        }
    }

    private static void CheckIdentifier(string? value, string member)
    {
        if (value is not null && (value.Length == 0 || value.Length > MarketEvent.MaxIdentifierLength))
        {
            throw new ArgumentException($"MarketEvent.{member} must be null or 1 to {MarketEvent.MaxIdentifierLength} characters long.", member);
        }
    }

    private void ObserveLocked(in MarketEvent e)
    {
        var ticks = e.Timestamp.UtcTicks;
        var outOfOrder = ticks < _latestTicks;
        if (outOfOrder)
        {
            ticks = _latestTicks;
        }
        else
        {
            _latestTicks = ticks;
        }

        var at = outOfOrder ? new DateTimeOffset(ticks, TimeSpan.Zero) : e.Timestamp;
        var day = DailyBuckets<SurveillanceCounters>.DayOf(ticks);
        var today = _days.For(day);
        _total.Count(e.Kind);
        today.Count(e.Kind);
        if (outOfOrder)
        {
            _total.OutOfOrder++;
            today.OutOfOrder++;
        }

        var inWindow = _marketWindow.Add(ticks, _marketWindowTicks);
        _total.PeakEventsPerWindow = Math.Max(_total.PeakEventsPerWindow, inWindow);
        today.PeakEventsPerWindow = Math.Max(today.PeakEventsPerWindow, inWindow);

        var orderKnown = false;
        var order = default(TrackedOrder);
        if (e.Kind != MarketEventKind.OrderAdded && e.OrderId != 0 && _orders.TryGetValue(e.OrderId, out order))
        {
            orderKnown = true;
        }

        if (e.Kind == MarketEventKind.OrderCancelled && orderKnown)
        {
            _total.TrackedCancels++;
            today.TrackedCancels++;
            if (ticks - order.AddedTicks <= _fleetingTicks)
            {
                _total.Fleeting++;
                today.Fleeting++;
            }
        }

        var state = StateFor(new SurveillanceKey(e.Account, e.Instrument), day, ticks);
        if (state is null)
        {
            _total.Unmonitored++;
            today.Unmonitored++;
        }
        else
        {
            RunPairDetectors(state, e, at, ticks, orderKnown, order);
        }

        if (e.Kind == MarketEventKind.OrderExecuted)
        {
            var tracked = _close.OnExecution(e, at, ticks);
            if (e.Account is not null)
            {
                tracked &= _wash.OnExecution(e, at, ticks, day, _pending);
            }

            if (!tracked)
            {
                _total.Unmonitored++;
                today.Unmonitored++;
            }
        }

        TrackOrder(e, ticks, day, orderKnown, today);
    }

    private void RunPairDetectors(ParticipantState state, in MarketEvent e, DateTimeOffset at, long ticks, bool orderKnown, in TrackedOrder order)
    {
        switch (e.Kind)
        {
            case MarketEventKind.OrderAdded: state.Adds++; break;
            case MarketEventKind.OrderModified: state.Modifies++; break;
            case MarketEventKind.OrderPartiallyCancelled: state.PartialCancels++; break;
            case MarketEventKind.OrderCancelled: state.FullCancels++; break;
            default: state.Executions++; break;
        }

        var rateAlerts = e.Account is not null || _options.AlertOnAnonymousFlow;
        if (rateAlerts)
        {
            _ratios.Evaluate(state, e, at, _pending);
            if (e.Kind != MarketEventKind.OrderExecuted)
            {
                _stuffing.OnMessage(state, e, at, ticks, _pending);
            }
        }

        if (e.Account is null)
        {
            return;
        }

        if (e.Kind == MarketEventKind.OrderExecuted)
        {
            _spoofing.OnExecution(state, e, at, ticks);
        }
        else if (e.Kind == MarketEventKind.OrderCancelled)
        {
            _spoofing.OnFullCancel(state, e, at, ticks, orderKnown, order, _pending);
        }
    }

    private void TrackOrder(in MarketEvent e, long ticks, DateOnly day, bool orderKnown, SurveillanceCounters today)
    {
        if (e.OrderId == 0)
        {
            return;
        }

        switch (e.Kind)
        {
            case MarketEventKind.OrderAdded:
                if (_orders.Count >= _options.MaxTrackedOrders && !_orders.ContainsKey(e.OrderId) && !SweepOrders(ticks, day))
                {
                    _total.UntrackedOrders++;
                    today.UntrackedOrders++;
                    return;
                }

                _orders[e.OrderId] = new TrackedOrder { Account = e.Account, Side = e.Side, Price = e.Price, Remaining = e.Quantity, AddedTicks = ticks };
                return;
            case MarketEventKind.OrderCancelled:
                if (orderKnown)
                {
                    _orders.Remove(e.OrderId);
                }

                return;
            default:
                if (!orderKnown)
                {
                    return;
                }

                ref var tracked = ref CollectionsMarshal.GetValueRefOrNullRef(_orders, e.OrderId);
                if (e.Kind == MarketEventKind.OrderModified)
                {
                    tracked.Price = e.Price;
                    tracked.Remaining = e.Quantity;
                }
                else
                {
                    tracked.Remaining -= e.Quantity;
                }

                if (tracked.Remaining <= 0)
                {
                    _orders.Remove(e.OrderId);
                }

                return;
        }
    }

    // Orders resting for over a day are dropped when the table is full; at most one pass a day.
    private bool SweepOrders(long ticks, DateOnly day)
    {
        if (_lastOrderSweep == day)
        {
            return false;
        }

        _lastOrderSweep = day;
        var cutoff = ticks - TimeSpan.TicksPerDay;
        foreach (var (id, order) in _orders)
        {
            if (order.AddedTicks < cutoff)
            {
                _orders.Remove(id);
            }
        }

        return _orders.Count < _options.MaxTrackedOrders;
    }

    private ParticipantState? StateFor(SurveillanceKey key, DateOnly day, long ticks)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrNullRef(_participants, key);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref state))
        {
            if (state.Day != day)
            {
                state.StartDay(day);
            }

            return state;
        }

        if (_participants.Count >= _options.MaxTrackedKeys && !SweepParticipants(day))
        {
            return null;
        }

        var created = new ParticipantState();
        created.StartDay(day);
        _participants.Add(key, created);
        return created;
    }

    // Pairs idle since before today are dropped when the table is full; at most one pass a day.
    private bool SweepParticipants(DateOnly day)
    {
        if (_lastKeySweep == day)
        {
            return false;
        }

        _lastKeySweep = day;
        foreach (var (key, state) in _participants)
        {
            if (state.Day < day)
            {
                _participants.Remove(key);
            }
        }

        return _participants.Count < _options.MaxTrackedKeys;
    }

    private SurveillanceAlert[] TakePending()
    {
        var raised = _pending.ToArray();
        _pending.Clear();
        foreach (var alert in raised)
        {
            _total.Alerts[(int)alert.Kind]++;
            if (_days.Find(DailyBuckets<SurveillanceCounters>.DayOf(alert.DetectedAt.UtcTicks)) is { } counters)
            {
                counters.Alerts[(int)alert.Kind]++;
            }

            if (_options.MaxRecentAlerts > 0)
            {
                if (_recent.Count == _options.MaxRecentAlerts)
                {
                    _recent.Dequeue();
                }

                _recent.Enqueue(alert);
            }
        }

        return raised;
    }

    private void Publish(SurveillanceAlert[] alerts)
    {
        foreach (var alert in alerts)
        {
            _alertCounter.Add(1, new KeyValuePair<string, object?>("reason", alert.ReasonCode));
            Log.AlertRaised(_logger, alert.ReasonCode, alert.Instrument, alert.Id);
            try
            {
                _publisher.Publish(ToSecurityEvent(alert));
            }
            catch (Exception ex) when (ex is SecurityEventPipelineClosedException or SecurityEventPublishTimeoutException)
            {
                lock (_lock)
                {
                    _total.Unpublished++;
                }

                Log.AlertNotPublished(_logger, ex, alert.ReasonCode, alert.Id);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6401, Level = LogLevel.Warning, Message = "Surveillance alert {Reason} on {Instrument} (alert {AlertId}).")]
        public static partial void AlertRaised(ILogger logger, string reason, string instrument, Guid alertId);

        [LoggerMessage(EventId = 6402, Level = LogLevel.Error, Message = "Surveillance alert {Reason} (alert {AlertId}) could not be published; it is kept in the monitor's recent alerts.")]
        public static partial void AlertNotPublished(ILogger logger, Exception exception, string reason, Guid alertId);
    }
}
