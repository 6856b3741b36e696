using System.Runtime.InteropServices;
using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>What every evaluator shares with the engine while one event is processed.</summary>
internal interface IEvaluationContext
{
    /// <summary>Gets the newest accepted event time (ticks, UTC).</summary>
    long Watermark { get; }

    /// <summary>Gets the allowed lateness in ticks.</summary>
    long LatenessTicks { get; }

    void Raise(CompiledRule rule, string key, SecurityEvent trigger, long count, long firstTicks, long lastTicks, ReadOnlySpan<Guid> ids, IReadOnlyList<string>? values);

    void Suppressed(int ruleIndex, string key);

    void KeyEvicted(bool expired);

    /// <summary>Counts events (or values) dropped from a key's window buffer at its capacity.</summary>
    void WindowEvicted(int count);
}

/// <summary>The per-key state every rule kind keeps: suppression and the events already used by an alert.</summary>
internal class KeyState
{
    public long LastSeen = long.MinValue;
    public long SuppressedUntil = long.MinValue;
    public long ConsumedThrough = long.MinValue;

    // An event is suppressed while the suppression window of the last alert runs, or when it is not newer than the
    // events that alert used: every event contributes to at most one alert (no re-firing on the same events).
    public bool IsSuppressed(long t) => t < SuppressedUntil || t <= ConsumedThrough;

    public void Fired(long lastTicks, long suppressionTicks, long consumedThrough)
    {
        SuppressedUntil = lastTicks > long.MaxValue - suppressionTicks ? long.MaxValue : lastTicks + suppressionTicks;
        ConsumedThrough = Math.Max(ConsumedThrough, consumedThrough);
    }

    public virtual void Reset()
    {
        LastSeen = long.MinValue;
        SuppressedUntil = long.MinValue;
        ConsumedThrough = long.MinValue;
    }
}

/// <summary>Evaluates one compiled rule over its per-key state.</summary>
internal abstract class RuleEvaluator
{
    protected RuleEvaluator(CompiledRule rule, int index)
    {
        Rule = rule;
        Index = index;
    }

    public CompiledRule Rule { get; }

    public int Index { get; }

    public abstract int KeyCount { get; }

    public abstract void Evaluate(SecurityEvent e, long t, IEvaluationContext ctx);

    public abstract void Clear();

    /// <summary>Finds or makes the key's state, marks it seen, and tells whether the event is suppressed (then tallied).</summary>
    protected TState? Enter<TState>(KeyTable<TState> table, string key, long t, IEvaluationContext ctx, Func<TState> factory)
        where TState : KeyState
    {
        var s = Slot(table, key, ctx, factory);
        s.LastSeen = Math.Max(s.LastSeen, t);
        if (s.IsSuppressed(t))
        {
            ctx.Suppressed(Index, key);
            return null;
        }

        return s;
    }

    protected TState Slot<TState>(KeyTable<TState> table, string key, IEvaluationContext ctx, Func<TState> factory)
        where TState : KeyState
    {
        var windowTicks = Rule.WindowTicks;
        var slot = table.Touch(key, out var created, out var evicted);
        ref var state = ref table.State(slot);
        if (evicted && state is not null)
        {
            // A key is "expired" when nothing it holds could still count: older than every window plus lateness.
            ctx.KeyEvicted(state.LastSeen < ctx.Watermark - ctx.LatenessTicks - windowTicks && state.SuppressedUntil <= ctx.Watermark);
        }

        if (created)
        {
            if (state is null)
            {
                state = factory();
            }
            else
            {
                state.Reset();
            }
        }

        return state!;
    }
}

/// <summary>An evaluator keeping one <typeparamref name="TState"/> per group key in a bounded table.</summary>
internal abstract class KeyedEvaluator<TState>(CompiledRule rule, int index, int maxKeys) : RuleEvaluator(rule, index)
    where TState : KeyState
{
    protected KeyTable<TState> Keys { get; } = new(maxKeys);

    public override int KeyCount => Keys.Count;

    public override void Clear() => Keys.Clear();
}

/// <summary>A sorted buffer of event times and ids, bounded to a rule's exact-evaluation capacity.</summary>
internal class TickState : KeyState
{
    private const int InitialCapacity = 4;

    public long[] Ticks = new long[InitialCapacity];
    public Guid[] Ids = new Guid[InitialCapacity];
    public int Count;

    public override void Reset()
    {
        base.Reset();
        Clear();
    }

    /// <summary>Empties the buffer, releasing the values it held.</summary>
    public void Clear()
    {
        if (Values is not null)
        {
            Array.Clear(Values, 0, Count);
        }

        Count = 0;
    }

    /// <summary>Drops entries at or before the horizon once they are an eighth of the buffer: one shift for many events.</summary>
    public void PruneBeforeBatched(long horizonExclusive)
    {
        var drop = FirstAfter(horizonExclusive, Count);
        if (drop > 0 && (drop * 8 >= Count || Count == Ticks.Length))
        {
            RemoveFront(drop);
        }
    }

    public void PruneBefore(long horizonExclusive)
    {
        var drop = 0;
        while (drop < Count && Ticks[drop] <= horizonExclusive)
        {
            drop++;
        }

        RemoveFront(drop);
    }

    /// <summary>Gets or sets the value carried by each event (distinct-count rules only), parallel to <see cref="Ticks"/>.</summary>
    public string[]? Values;

    /// <summary>Inserts in time order (after equal times) and returns the index, or -1 when full and older than all.</summary>
    /// <remarks>When full, the oldest eighth makes room (one shift for many inserts); <paramref name="evicted"/> counts them.</remarks>
    public int Insert(long t, Guid id, int capacity, out int evicted, string? value = null)
    {
        evicted = 0;
        if (Count == capacity)
        {
            if (t < Ticks[0])
            {
                evicted = 1;
                return -1;
            }

            evicted = Math.Max(1, capacity / 8);
            RemoveFront(evicted);
        }

        if (Count == Ticks.Length)
        {
            var size = Math.Min(capacity, Ticks.Length * 2);
            Array.Resize(ref Ticks, size);
            Array.Resize(ref Ids, size);
            if (Values is not null)
            {
                Array.Resize(ref Values, size);
            }
        }

        var i = Count;
        while (i > 0 && Ticks[i - 1] > t)
        {
            Ticks[i] = Ticks[i - 1];
            Ids[i] = Ids[i - 1];
            if (Values is not null)
            {
                Values[i] = Values[i - 1];
            }

            i--;
        }

        Ticks[i] = t;
        Ids[i] = id;
        if (Values is not null)
        {
            Values[i] = value!;
        }

        Count++;
        return i;
    }

    /// <summary>The first index in [0, end) whose time is greater than <paramref name="after"/>.</summary>
    public int FirstAfter(long after, int end)
    {
        int lo = 0, hi = end;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Ticks[mid] > after)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    private void RemoveFront(int n)
    {
        if (n <= 0)
        {
            return;
        }

        Array.Copy(Ticks, n, Ticks, 0, Count - n);
        Array.Copy(Ids, n, Ids, 0, Count - n);
        if (Values is not null)
        {
            Array.Copy(Values, n, Values, 0, Count - n);
            Array.Clear(Values, Count - n, n);
        }

        Count -= n;
    }
}

/// <summary>Per-key distinct values with the time each was last seen.</summary>
internal sealed class ValueState : KeyState
{
    public readonly Dictionary<string, long> Values;
    public long Newest = long.MinValue;
    public Guid LastId;

    public ValueState(int capacity) => Values = new Dictionary<string, long>(capacity, StringComparer.Ordinal);

    public override void Reset()
    {
        base.Reset();
        Values.Clear();
        Newest = long.MinValue;
        LastId = Guid.Empty;
    }

    /// <summary>Records a value; returns <see langword="true"/> when it was not known.</summary>
    public bool Observe(string value, long t)
    {
        ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(Values, value, out var exists);
        if (!exists || seen < t)
        {
            seen = t;
        }

        return !exists;
    }

    public void RemoveOlderThan(long horizonInclusive) => LatestTimes.RemoveAtOrBefore(Values, horizonInclusive);

    public void RemoveOldest() => LatestTimes.RemoveOldest(Values);
}

/// <summary>Maintenance of a map from a value to the time it was last seen.</summary>
internal static class LatestTimes
{
    public static void RemoveAtOrBefore(Dictionary<string, long> latest, long horizonInclusive)
    {
        foreach (var (v, seen) in latest)
        {
            if (seen <= horizonInclusive)
            {
                latest.Remove(v);
            }
        }
    }

    public static void RemoveOldest(Dictionary<string, long> latest)
    {
        string? oldest = null;
        var oldestSeen = long.MaxValue;
        foreach (var (v, seen) in latest)
        {
            if (seen < oldestSeen)
            {
                oldest = v;
                oldestSeen = seen;
            }
        }

        if (oldest is not null)
        {
            latest.Remove(oldest);
        }
    }
}

/// <summary>Single-event match: every matching event alerts, once per key per suppression window.</summary>
internal sealed class MatchEvaluator(CompiledRule rule, int index, int maxKeys) : KeyedEvaluator<KeyState>(rule, index, maxKeys)
{

    public override void Evaluate(SecurityEvent e, long t, IEvaluationContext ctx)
    {
        if (!Rule.MatchesFirst(e))
        {
            return;
        }

        var key = Rule.GroupKey(e);
        if (Enter(Keys, key, t, ctx, static () => new KeyState()) is not { } s)
        {
            return;
        }

        var id = e.Id;
        ctx.Raise(Rule, key, e, 1, t, t, new ReadOnlySpan<Guid>(in id), null);
        s.Fired(t, Rule.SuppressionTicks, t);
    }
}

/// <summary>Count above a threshold in a sliding window per key, exact for late events within the allowed lateness.</summary>
internal sealed class ThresholdEvaluator(CompiledRule rule, int index, int maxKeys) : KeyedEvaluator<TickState>(rule, index, maxKeys)
{

    public override void Evaluate(SecurityEvent e, long t, IEvaluationContext ctx)
    {
        if (!Rule.MatchesFirst(e))
        {
            return;
        }

        var key = Rule.GroupKey(e);
        if (Enter(Keys, key, t, ctx, static () => new TickState()) is not { } s)
        {
            return;
        }

        var w = Rule.WindowTicks;
        s.PruneBefore(ctx.Watermark - ctx.LatenessTicks - w);
        var i = s.Insert(t, e.Id, Rule.BufferCapacity, out _);
        if (i < 0)
        {
            return;
        }

        // A late event can complete a window that ends at a later event: check every window ending at an event in [t, t + w).
        for (var j = i; j < s.Count && s.Ticks[j] - t < w; j++)
        {
            var end = s.Ticks[j];
            var lo = s.FirstAfter(end - w, j + 1);
            var count = j - lo + 1;
            if (count > Rule.Threshold)
            {
                var from = Math.Max(lo, j + 1 - DetectionEngine.MaxEvidenceEvents);
                ctx.Raise(Rule, key, e, count, s.Ticks[lo], end, s.Ids.AsSpan(from, j + 1 - from), null);
                s.Fired(end, Rule.SuppressionTicks, s.Ticks[s.Count - 1]);
                s.Clear();
                return;
            }
        }
    }
}

/// <summary>The steps and the final events of a sequence rule for one key, each in time order.</summary>
internal sealed class SequenceState : KeyState
{
    public readonly TickState Steps = new();
    public readonly TickState Finals = new();

    public override void Reset()
    {
        base.Reset();
        Steps.Clear();
        Finals.Clear();
    }
}

/// <summary>
/// Failures then a success: more than a threshold of first-step events, then a final-step event, per key within a
/// window. Exact for late events within the allowed lateness: final events that did not complete a sequence are kept
/// for the window plus lateness, so a late step re-checks the sequences ending at them.
/// </summary>
internal sealed class SequenceEvaluator(CompiledRule rule, int index, int maxKeys) : KeyedEvaluator<SequenceState>(rule, index, maxKeys)
{
    public override void Evaluate(SecurityEvent e, long t, IEvaluationContext ctx)
    {
        var first = Rule.MatchesFirst(e);
        if (!first && !Rule.MatchesThen(e))
        {
            return;
        }

        var key = Rule.GroupKey(e);
        var s = Slot(Keys, key, ctx, static () => new SequenceState());
        s.LastSeen = Math.Max(s.LastSeen, t);
        var w = Rule.WindowTicks;
        var horizon = ctx.Watermark - ctx.LatenessTicks - w;
        if (first)
        {
            if (t <= s.ConsumedThrough)
            {
                return;
            }

            s.Steps.PruneBefore(horizon);
            if (Insert(s.Steps, t, e.Id, ctx) < 0)
            {
                return;
            }

            // A late step can complete a sequence whose final event came before it: re-check finals in [t, t + w).
            var finals = s.Finals;
            finals.PruneBefore(horizon);
            for (var j = finals.FirstAfter(t - 1, finals.Count); j < finals.Count && finals.Ticks[j] - t < w; j++)
            {
                if (!s.IsSuppressed(finals.Ticks[j]) && TryFire(s, key, e, finals.Ticks[j], finals.Ids[j], ctx))
                {
                    return;
                }
            }

            return;
        }

        if (s.IsSuppressed(t))
        {
            ctx.Suppressed(Index, key);
            return;
        }

        if (!TryFire(s, key, e, t, e.Id, ctx))
        {
            s.Finals.PruneBefore(horizon);
            Insert(s.Finals, t, e.Id, ctx);
        }
    }

    private int Insert(TickState buffer, long t, Guid id, IEvaluationContext ctx)
    {
        var i = buffer.Insert(t, id, Rule.BufferCapacity, out var evicted);
        ctx.WindowEvicted(evicted);

        return i;
    }

    // Steps strictly before or at the final event, and inside the window ending at it.
    private bool TryFire(SequenceState s, string key, SecurityEvent trigger, long final, Guid finalId, IEvaluationContext ctx)
    {
        var steps = s.Steps;
        var end = steps.FirstAfter(final, steps.Count);
        var lo = steps.FirstAfter(final - Rule.WindowTicks, end);
        var count = end - lo;
        if (count <= Rule.Threshold)
        {
            return false;
        }

        var from = Math.Max(lo, end - (DetectionEngine.MaxEvidenceEvents - 1));
        Span<Guid> ids = stackalloc Guid[DetectionEngine.MaxEvidenceEvents];
        var n = end - from;
        steps.Ids.AsSpan(from, n).CopyTo(ids);
        ids[n] = finalId;
        ctx.Raise(Rule, key, trigger, count + 1, steps.Ticks[lo], final, ids[..(n + 1)], null);
        s.Fired(final, Rule.SuppressionTicks, Math.Max(final, steps.Count > 0 ? steps.Ticks[steps.Count - 1] : final));
        steps.Clear();
        s.Finals.Clear();
        return true;
    }
}

/// <summary>A distinct-count rule's state for one key: every matching event (for late events) and each value's latest time.</summary>
internal sealed class DistinctState : TickState
{
    public readonly Dictionary<string, long> Latest = new(StringComparer.Ordinal);
    public long Newest = long.MinValue;

    public DistinctState() => Values = new string[4];

    public override void Reset()
    {
        base.Reset();
        Forget();
    }

    /// <summary>Empties the event buffer and the values.</summary>
    public void Forget()
    {
        Clear();
        Latest.Clear();
    }
}

/// <summary>
/// Distinct values of a field above a threshold per key within a window, exact for late events within the allowed
/// lateness. Each value's latest time answers the window ending at the newest event (the in-order case) and gates the
/// work: while the values seen within the window plus lateness number at most the threshold, no window can fire. A late
/// event re-counts every window ending at a kept event in [t, t + w). The kept events are bounded (8 x the rule's
/// buffer capacity, the oldest eighth dropped when full) and the values too; both drops are counted
/// (<see cref="DetectionStatistics.WindowEvictions"/>): while that stays 0 the evaluation is exact.
/// </summary>
internal sealed class DistinctCountEvaluator(CompiledRule rule, int index, int maxKeys) : KeyedEvaluator<DistinctState>(rule, index, maxKeys)
{
    private readonly int _capacity = (int)Math.Min(1_000_000L, rule.BufferCapacity * 8L);
    private readonly int _maxValues = Math.Max(rule.BufferCapacity, (rule.Threshold + 1) * 3);

    // One engine call at a time (the engine's lock): scratch reused across calls allocates nothing once warm.
    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);

    public override void Evaluate(SecurityEvent e, long t, IEvaluationContext ctx)
    {
        if (!Rule.MatchesFirst(e))
        {
            return;
        }

        var value = Rule.DistinctValue(e);
        if (value is null)
        {
            return;
        }

        var key = Rule.GroupKey(e);
        if (Enter(Keys, key, t, ctx, static () => new DistinctState()) is not { } s)
        {
            return;
        }

        var w = Rule.WindowTicks;
        var horizon = ctx.Watermark - ctx.LatenessTicks - w;
        s.PruneBeforeBatched(horizon);
        var i = s.Insert(t, e.Id, _capacity, out var evicted, value);
        ctx.WindowEvicted(evicted);
        if (i < 0)
        {
            return;
        }

        ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(s.Latest, value, out var known);
        if (!known || latest < t)
        {
            latest = t;
        }

        s.Newest = Math.Max(s.Newest, t);
        if (s.Latest.Count > _maxValues)
        {
            LatestTimes.RemoveAtOrBefore(s.Latest, horizon);
            while (s.Latest.Count > _maxValues)
            {
                LatestTimes.RemoveOldest(s.Latest);
                ctx.WindowEvicted(1);
            }
        }

        if (s.Latest.Count <= Rule.Threshold)
        {
            return;
        }

        if (t == s.Newest)
        {
            // In order: the window ending here holds each value whose latest time is inside it.
            var count = 0;
            foreach (var seen in s.Latest.Values)
            {
                if (seen > t - w)
                {
                    count++;
                }
            }

            if (count > Rule.Threshold)
            {
                _distinct.Clear();
                foreach (var (v, seen) in s.Latest)
                {
                    if (seen > t - w)
                    {
                        _distinct.Add(v);
                    }
                }

                Fire(s, key, e, s.FirstAfter(t - w, i + 1), i, ctx);
            }

            return;
        }

        // Late: any window ending at a kept event in [t, t + w) may now hold more than the threshold.
        var values = s.Values!;
        for (var j = i; j < s.Count && s.Ticks[j] - t < w; j++)
        {
            var lo = s.FirstAfter(s.Ticks[j] - w, j + 1);
            if (j - lo + 1 <= Rule.Threshold)
            {
                continue;
            }

            _distinct.Clear();
            for (var k = lo; k <= j; k++)
            {
                _distinct.Add(values[k]);
            }

            if (_distinct.Count > Rule.Threshold)
            {
                Fire(s, key, e, lo, j, ctx);
                return;
            }
        }
    }

    // Raises the alert for the window of kept events [lo, end] whose distinct values are in the scratch set.
    private void Fire(DistinctState s, string key, SecurityEvent trigger, int lo, int end, IEvaluationContext ctx)
    {
        var evidence = new List<string>(_distinct);
        evidence.Sort(StringComparer.Ordinal);
        if (evidence.Count > DetectionEngine.MaxEvidenceEvents)
        {
            evidence.RemoveRange(DetectionEngine.MaxEvidenceEvents, evidence.Count - DetectionEngine.MaxEvidenceEvents);
        }

        var from = Math.Max(lo, end + 1 - DetectionEngine.MaxEvidenceEvents);
        ctx.Raise(Rule, key, trigger, _distinct.Count, s.Ticks[lo], s.Ticks[end], s.Ids.AsSpan(from, end + 1 - from), evidence);
        s.Fired(s.Ticks[end], Rule.SuppressionTicks, s.Newest);
        s.Forget();
        _distinct.Clear();
    }
}

/// <summary>First-seen value: a value of a field not known for a key that already has known values.</summary>
internal sealed class FirstSeenEvaluator(CompiledRule rule, int index, int maxKeys, int maxValues) : KeyedEvaluator<ValueState>(rule, index, maxKeys)
{

    // Cached once: a lambda made per call would allocate a closure on the hot path.
    private readonly Func<ValueState> _newState = () => new ValueState(Math.Min(maxValues, 8));

    public override int KeyCount => Keys.Count;

    public override void Clear() => Keys.Clear();

    public override void Evaluate(SecurityEvent e, long t, IEvaluationContext ctx)
    {
        if (!Rule.MatchesFirst(e))
        {
            return;
        }

        var value = Rule.DistinctValue(e);
        if (value is null)
        {
            return;
        }

        var key = Rule.GroupKey(e);
        var s = Slot(Keys, key, ctx, _newState);
        s.LastSeen = Math.Max(s.LastSeen, t);
        ref var seen = ref CollectionsMarshal.GetValueRefOrNullRef(s.Values, value);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref seen))
        {
            seen = Math.Max(seen, t);
            return;
        }

        // A new value: forget values not seen for a whole window, then judge against what is still known.
        s.RemoveOlderThan(t - Rule.WindowTicks);
        var hasBaseline = s.Values.Count > 0;
        s.Observe(value, t);
        while (s.Values.Count > maxValues)
        {
            s.RemoveOldest();
        }

        if (!hasBaseline)
        {
            return;
        }

        if (s.IsSuppressed(t))
        {
            ctx.Suppressed(Index, key);
            return;
        }

        var id = e.Id;
        ctx.Raise(Rule, key, e, 1, t, t, new ReadOnlySpan<Guid>(in id), [value]);
        s.Fired(t, Rule.SuppressionTicks, t);
    }
}
