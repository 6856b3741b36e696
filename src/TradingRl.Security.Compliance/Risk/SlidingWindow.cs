namespace TradingRl.Security.Compliance;

/// <summary>A ring of the latest accepted event times for one account, for an exact sliding-window rate limit without allocation.</summary>
/// <remarks>
/// An event at time <c>t</c> is inside the window at <c>now</c> when <c>now - window &lt; t</c> (the semantics of Core's
/// <c>ISlidingWindowCounterStore</c>): with 100 events at 0 s and a 60 s window, the 101st is refused at 59.999 s and accepted at 60.000 s.
/// A mutable struct held in a field of the owning account (one reference fewer to follow), guarded by its lock.
/// </remarks>
internal struct SlidingWindow
{
    private long[] _times;
    private int _head;
    private int _count;

    public SlidingWindow() => _times = new long[16];

    /// <summary>Reads the oldest and the newest time, to start loading both ends of the ring (see <see cref="AccountState.Touch"/>).</summary>
    public readonly int Touch()
    {
        // Outside the lock: each field is read once and the indexes are checked against the array read, since a Grow may
        // have replaced the array and reset the head between the reads.
        var times = _times;
        var head = _head;
        var count = Math.Min(_count, times.Length);
        if (count <= 0 || (uint)head >= (uint)times.Length)
        {
            return 0;
        }

        var tail = head + count - 1;
        return (int)(Volatile.Read(ref times[head]) ^ Volatile.Read(ref times[tail >= times.Length ? tail - times.Length : tail]));
    }

    /// <summary>Drops events that left the window and returns how many remain.</summary>
    public int CountInWindow(long nowTicks, long windowTicks)
    {
        var start = nowTicks - windowTicks;
        var times = _times;
        while (_count > 0 && times[_head] <= start)
        {
            _head = _head + 1 == times.Length ? 0 : _head + 1;
            _count--;
        }

        return _count;
    }

    /// <summary>Records an accepted event; the caller has checked the count against a limit no larger than it ensures here.</summary>
    public void Add(long nowTicks, int limit)
    {
        if (_count == _times.Length)
        {
            Grow(Math.Max(limit, _count * 2));
        }

        var tail = _head + _count;
        _times[tail >= _times.Length ? tail - _times.Length : tail] = nowTicks;
        _count++;
    }

    private void Grow(int capacity)
    {
        var next = new long[Math.Max(capacity, _times.Length + 1)];
        for (var i = 0; i < _count; i++)
        {
            next[i] = _times[(_head + i) % _times.Length];
        }

        _times = next;
        _head = 0;
    }
}
