using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>Evaluates detection rules over security events, one event at a time, in event time.</summary>
/// <remarks>
/// <para>Thread-safe (one lock per call). An event whose type no rule reads costs one dictionary lookup; an event that
/// fires no rule allocates nothing once its key is known. Duplicate event ids are ignored, events later than the
/// allowed lateness behind the newest event are dropped and counted, events stamped beyond the allowed clock skew are
/// clamped to the host clock. Per-rule key state is capped with least-recently-used eviction (counted).</para>
/// <para>Window semantics: an event at <c>t</c> is inside the window ending at <c>a</c> when <c>a - window &lt; t &lt;= a</c>,
/// so an event exactly one window old is outside; "more than 5 in 5 minutes" fires on the 6th event inside one window.</para>
/// </remarks>
public sealed class DetectionEngine : IDisposable
{
    /// <summary>The most event ids or values an alert carries as evidence.</summary>
    public const int MaxEvidenceEvents = 32;

    private readonly Lock _sync = new();
    private readonly RuleEvaluator[] _evaluators;
    private readonly FrozenDictionary<string, RuleEvaluator[]> _byType;
    private readonly TimeProvider? _clock;
    private readonly long _latenessTicks;
    private readonly long _skewTicks;
    private readonly HashSet<Guid> _seen;
    private readonly Guid[] _seenRing;
    private readonly Context _context;
    private readonly Dictionary<(int Rule, string Key), long> _tally = [];
    private readonly Meter? _meter;
    private int _seenNext;
    private long _watermark = long.MinValue;
    private long _eventsSeen;
    private long _evaluated;
    private long _duplicates;
    private long _droppedLate;
    private long _clamped;
    private long _alerts;
    private long _suppressed;
    private long _evicted;
    private long _expired;
    private long _windowEvicted;

    /// <summary>Initializes an engine over a rule set.</summary>
    /// <param name="rules">The rules; disabled ones are skipped. Each is validated and copied.</param>
    /// <param name="options">The engine settings.</param>
    /// <param name="timeProvider">The host clock, for clamping future timestamps and stamping alerts; <see langword="null"/> when replaying a recording (no clamping, alerts stamped with event time).</param>
    /// <param name="meterFactory">Makes the <c>TradingRl.Security</c> meter; no metrics when omitted.</param>
    /// <exception cref="ArgumentException">A rule is invalid, or two rules share an id.</exception>
    public DetectionEngine(IEnumerable<DetectionRule> rules, DetectionOptions options, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
        {
            throw new ArgumentException("Detection options are out of range: " + string.Join(" ", problems.Select(p => p.ErrorMessage)), nameof(options));
        }

        _clock = timeProvider;
        _latenessTicks = options.AllowedLateness.Ticks;
        _skewTicks = options.MaxClockSkew.Ticks;
        _seen = new HashSet<Guid>(options.DeduplicationCapacity);
        _seenRing = new Guid[options.DeduplicationCapacity];
        _context = new Context(this);

        var list = new List<RuleEvaluator>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rules)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(rules));
            if (!r.Enabled)
            {
                continue;
            }

            var compiled = CompiledRule.Compile(r, options.AllowedLateness);
            if (!ids.Add(compiled.Id))
            {
                throw new ArgumentException($"Two detection rules have the id '{compiled.Id}'; rule ids must be unique.", nameof(rules));
            }

            var index = list.Count;
            list.Add(compiled.Kind switch
            {
                DetectionRuleKind.Match => new MatchEvaluator(compiled, index, options.MaxKeysPerRule),
                DetectionRuleKind.Threshold => new ThresholdEvaluator(compiled, index, options.MaxKeysPerRule),
                DetectionRuleKind.Sequence => new SequenceEvaluator(compiled, index, options.MaxKeysPerRule),
                DetectionRuleKind.DistinctCount => new DistinctCountEvaluator(compiled, index, options.MaxKeysPerRule),
                _ => new FirstSeenEvaluator(compiled, index, options.MaxKeysPerRule, options.FirstSeenMaxValuesPerKey),
            });
        }

        _evaluators = [.. list];
        _byType = _evaluators
            .SelectMany(ev => ev.Rule.Types.Concat(ev.Rule.ThenTypes).Distinct(StringComparer.Ordinal).Select(t => (Type: t, Evaluator: ev)))
            .GroupBy(x => x.Type, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Evaluator).ToArray(), StringComparer.Ordinal);
        Rules = [.. _evaluators.Select(e => e.Rule.Definition.Clone())];

        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(TradingSecurityTelemetry.Name);
            _meter.CreateObservableCounter(IncidentsTelemetry.DetectionEvents, () => Volatile.Read(ref _evaluated), "{event}", "Events evaluated by detection rules.");
            _meter.CreateObservableCounter(IncidentsTelemetry.DetectionDuplicates, () => Volatile.Read(ref _duplicates), "{event}", "Redelivered events ignored by id.");
            _meter.CreateObservableCounter(IncidentsTelemetry.DetectionDroppedLate, () => Volatile.Read(ref _droppedLate), "{event}", "Events later than the allowed lateness, not counted.");
            _meter.CreateObservableCounter(IncidentsTelemetry.DetectionClockSkew, () => Volatile.Read(ref _clamped), "{event}", "Events stamped too far in the future, clamped to the host clock.");
            _meter.CreateObservableCounter(IncidentsTelemetry.AlertsRaised, () => Volatile.Read(ref _alerts), "{alert}", "Alerts raised by detection rules.");
            _meter.CreateObservableCounter(IncidentsTelemetry.AlertsSuppressed, () => Volatile.Read(ref _suppressed), "{event}", "Matching events suppressed into an earlier alert.");
            _meter.CreateObservableCounter(IncidentsTelemetry.DetectionKeysEvicted, ObserveEvictions, "{key}", "Group keys evicted at the per-rule key cap.");
            _meter.CreateObservableCounter(IncidentsTelemetry.DetectionWindowEvictions, () => Volatile.Read(ref _windowEvicted), "{event}", "Events dropped from a key's window buffer at its capacity; late events are exact while this is 0.");
        }
    }

    /// <summary>Gets copies of the enabled rules, in evaluation order.</summary>
    public IReadOnlyList<DetectionRule> Rules { get; }

    /// <summary>Gets the newest accepted event time, or <see langword="null"/> before the first event.</summary>
    public DateTimeOffset? Watermark
    {
        get
        {
            var w = Volatile.Read(ref _watermark);
            return w == long.MinValue ? null : new DateTimeOffset(w, TimeSpan.Zero);
        }
    }

    /// <summary>Evaluates one event.</summary>
    /// <param name="securityEvent">The event.</param>
    /// <param name="alerts">Receives the alerts raised.</param>
    /// <returns>The number of alerts raised.</returns>
    public int Process(SecurityEvent securityEvent, ICollection<SecurityAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        ArgumentNullException.ThrowIfNull(alerts);
        lock (_sync)
        {
            return ProcessLocked(securityEvent, alerts);
        }
    }

    /// <summary>Evaluates events in order.</summary>
    /// <param name="events">The events, oldest first.</param>
    /// <param name="alerts">Receives the alerts raised.</param>
    /// <returns>The number of alerts raised.</returns>
    public int Process(ReadOnlySpan<SecurityEvent> events, ICollection<SecurityAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var raised = 0;
        lock (_sync)
        {
            foreach (var e in events)
            {
                ArgumentNullException.ThrowIfNull(e, nameof(events));
                raised += ProcessLocked(e, alerts);
            }
        }

        return raised;
    }

    /// <summary>Returns a snapshot of the counters.</summary>
    /// <returns>The statistics.</returns>
    public DetectionStatistics GetStatistics()
    {
        lock (_sync)
        {
            long keys = 0;
            foreach (var e in _evaluators)
            {
                keys += e.KeyCount;
            }

            return new(_eventsSeen, _evaluated, _duplicates, _droppedLate, _clamped, _alerts, _suppressed, _evicted, _expired, keys, _windowEvicted);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _meter?.Dispose();

    /// <summary>Moves the suppressed-event tallies gathered since the last call into <paramref name="into"/>.</summary>
    internal void DrainSuppressed(List<SuppressedTally> into)
    {
        lock (_sync)
        {
            foreach (var ((rule, key), count) in _tally)
            {
                var r = _evaluators[rule].Rule;
                into.Add(new SuppressedTally(r.Id, r.DedupPrefix + key, count));
            }

            _tally.Clear();
        }
    }

    private int ProcessLocked(SecurityEvent e, ICollection<SecurityAlert> alerts)
    {
        _eventsSeen++;
        if (!_byType.TryGetValue(e.Type, out var evaluators))
        {
            return 0;
        }

        if (!_seen.Add(e.Id))
        {
            _duplicates++;
            return 0;
        }

        ref var slot = ref _seenRing[_seenNext];
        if (slot != Guid.Empty)
        {
            _seen.Remove(slot);
        }

        slot = e.Id;
        _seenNext = _seenNext + 1 == _seenRing.Length ? 0 : _seenNext + 1;

        var t = e.Timestamp.UtcTicks;
        if (_clock is not null)
        {
            var now = _clock.GetUtcNow().UtcTicks;
            if (t - now > _skewTicks)
            {
                t = now;
                _clamped++;
            }
        }

        if (_watermark != long.MinValue && t < _watermark - _latenessTicks)
        {
            _droppedLate++;
            return 0;
        }

        if (t > _watermark)
        {
            Volatile.Write(ref _watermark, t);
        }

        _evaluated++;
        var before = _alerts;
        _context.Alerts = alerts;
        foreach (var ev in evaluators)
        {
            ev.Evaluate(e, t, _context);
        }

        _context.Alerts = null;
        return (int)(_alerts - before);
    }

    private IEnumerable<Measurement<long>> ObserveEvictions()
    {
        yield return new(Volatile.Read(ref _evicted), new KeyValuePair<string, object?>("reason", "capacity"));
        yield return new(Volatile.Read(ref _expired), new KeyValuePair<string, object?>("reason", "expired"));
    }

    private sealed class Context(DetectionEngine engine) : IEvaluationContext
    {
        public ICollection<SecurityAlert>? Alerts;

        public long Watermark => engine._watermark;

        public long LatenessTicks => engine._latenessTicks;

        public void Raise(CompiledRule rule, string key, SecurityEvent trigger, long count, long firstTicks, long lastTicks, ReadOnlySpan<Guid> ids, IReadOnlyList<string>? values)
        {
            engine._alerts++;
            var last = new DateTimeOffset(lastTicks, TimeSpan.Zero);
            Alerts!.Add(new SecurityAlert
            {
                Id = Guid.CreateVersion7(last),
                RuleId = rule.Id,
                Title = rule.Title,
                Severity = rule.Severity,
                Kind = rule.Kind,
                GroupKey = key,
                DedupKey = rule.DedupPrefix + key,
                MatchCount = count,
                FirstEventAt = new DateTimeOffset(firstTicks, TimeSpan.Zero),
                LastEventAt = last,
                RaisedAt = engine._clock?.GetUtcNow() ?? last,
                EventIds = ids.ToArray(),
                Values = values ?? [],
                TriggerEventType = trigger.Type,
                TriggerActor = trigger.Actor,
                TriggerSourceAddress = trigger.SourceAddress,
                TriggerResource = trigger.Resource,
            });
        }

        public void Suppressed(int ruleIndex, string key)
        {
            engine._suppressed++;
            ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(engine._tally, (ruleIndex, key), out _);
            c++;
        }

        public void WindowEvicted(int count) => engine._windowEvicted += count;

        public void KeyEvicted(bool expired)
        {
            if (expired)
            {
                engine._expired++;
            }
            else
            {
                engine._evicted++;
            }
        }
    }
}
