using System.Numerics;

namespace TradingRl.Security.Compliance;

/// <summary>A sliding window of event times (UTC ticks) in a ring buffer that grows on demand up to a fixed capacity.</summary>
/// <remarks>
/// The window ending at t holds the times after t minus the window length, up to and including t. When the ring is at
/// capacity the oldest time is dropped, so <see cref="Add"/> returns min(true count, capacity): exact for any threshold
/// below the capacity. Not thread-safe; the monitor's lock guards it.
/// </remarks>
internal sealed class TimestampWindow
{
    private readonly int _capacity;
    private long[] _items;
    private int _head;
    private int _count;

    public TimestampWindow(int initialCapacity, int capacity)
    {
        _capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 2));
        _items = new long[Math.Min(_capacity, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(initialCapacity, 2)))];
    }

    public int Count => _count;

    public long OldestTicks => _items[_head];

    /// <summary>Drops the times at or before <paramref name="ticks"/> minus <paramref name="windowTicks"/>, adds <paramref name="ticks"/> and returns the count in the window.</summary>
    public int Add(long ticks, long windowTicks)
    {
        var cutoff = ticks - windowTicks;
        var mask = _items.Length - 1;
        while (_count > 0 && _items[_head] <= cutoff)
        {
            _head = (_head + 1) & mask;
            _count--;
        }

        if (_count == _items.Length)
        {
            if (_items.Length < _capacity)
            {
                Grow();
                mask = _items.Length - 1;
            }
            else
            {
                _head = (_head + 1) & mask;
                _count--;
            }
        }

        _items[(_head + _count) & mask] = ticks;
        _count++;
        return _count;
    }

    private void Grow()
    {
        var bigger = new long[_items.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = bigger;
        _head = 0;
    }
}
