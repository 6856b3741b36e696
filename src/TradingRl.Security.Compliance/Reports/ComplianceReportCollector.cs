using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>A security-event pipeline subscriber that tallies each UTC day's events by type and by <c>reason</c> property, for the daily compliance report.</summary>
/// <remarks>
/// Thread-safe. Counts only, plus a capped list of notable events per day, so memory stays bounded; events delivered
/// twice are counted once (by <see cref="SecurityEvent.Id"/>, over the last <see cref="ComplianceReportOptions.DeduplicationCapacity"/>
/// ids). Tallies live in memory: after a restart, replay the day from the audit trail through <see cref="Add"/>.
/// </remarks>
public sealed class ComplianceReportCollector : ISecurityEventSubscriber
{
    private readonly ComplianceReportOptions _options;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<DateOnly, DayTally> _days = [];
    private readonly HashSet<Guid> _seen = [];
    private readonly Queue<Guid> _seenOrder = new();
    private long _outsideRetention;

    /// <summary>Initializes a collector.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="OptionsValidationException">The options are out of range.</exception>
    public ComplianceReportCollector(IOptions<ComplianceReportOptions> options)
    {
        _options = ValidatedOptions.Get(options, new ComplianceReportOptionsValidator());
    }

    /// <inheritdoc/>
    public string Name => "compliance-report";

    /// <summary>Gets the events ignored because their day was older than the retained days.</summary>
    public long EventsOutsideRetention
    {
        get
        {
            lock (_lock)
            {
                return _outsideRetention;
            }
        }
    }

    internal ComplianceReportOptions Options => _options;

    /// <inheritdoc/>
    public ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var e in events.Span)
            {
                AddLocked(e);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Adds one event, e.g. replayed from the audit trail; an event already counted is ignored.</summary>
    /// <param name="securityEvent">The event.</param>
    /// <returns><see langword="true"/> when counted; <see langword="false"/> for a repeat or a day outside retention.</returns>
    public bool Add(SecurityEvent securityEvent)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        lock (_lock)
        {
            return AddLocked(securityEvent);
        }
    }

    /// <summary>Adds to a named counter of a day that no event carries, e.g. <c>orders_checked</c> from the pre-trade gate.</summary>
    /// <param name="day">The UTC day.</param>
    /// <param name="name">The counter name: 1 to 64 characters of a-z, 0-9 and '_'.</param>
    /// <param name="delta">The amount to add; not negative.</param>
    /// <exception cref="ArgumentException">The name is malformed or the delta negative.</exception>
    public void AddCounter(DateOnly day, string name, long delta)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        if (name.Length > 64 || name.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')))
        {
            throw new ArgumentException("A counter name is 1 to 64 characters of a-z, 0-9 and '_', e.g. 'orders_checked'.", nameof(name));
        }

        lock (_lock)
        {
            var tally = TallyFor(day);
            if (tally is not null)
            {
                tally.Counters[name] = checked(tally.Counters.GetValueOrDefault(name) + delta);
            }
        }
    }

    internal DayTally Snapshot(DateOnly day)
    {
        lock (_lock)
        {
            return _days.TryGetValue(day, out var tally) ? tally.Copy() : new DayTally();
        }
    }

    private bool AddLocked(SecurityEvent e)
    {
        if (_options.DeduplicationCapacity > 0)
        {
            if (!_seen.Add(e.Id))
            {
                return false;
            }

            _seenOrder.Enqueue(e.Id);
            if (_seenOrder.Count > _options.DeduplicationCapacity)
            {
                _seen.Remove(_seenOrder.Dequeue());
            }
        }

        var tally = TallyFor(DailyBuckets<DayTally>.DayOf(e.Timestamp.UtcTicks));
        if (tally is null)
        {
            return false;
        }

        tally.Add(e, _options);
        return true;
    }

    private DayTally? TallyFor(DateOnly day)
    {
        if (_days.TryGetValue(day, out var tally))
        {
            return tally;
        }

        if (_days.Count > 0 && day.DayNumber <= _days.Keys.Last().DayNumber - _options.RetainedDays)
        {
            _outsideRetention++;
            return null;
        }

        tally = new DayTally();
        _days.Add(day, tally);
        while (_days.Count > 0 && _days.Keys.First().DayNumber <= _days.Keys.Last().DayNumber - _options.RetainedDays)
        {
            _days.Remove(_days.Keys.First());
        }

        return tally;
    }
}
