using System.Collections.Concurrent;

namespace TradingRl.Security.Stores;

/// <summary>The embedded, per-process <see cref="ISlidingWindowCounterStore"/>.</summary>
/// <remarks>Thread-safe. Keeps at most <see cref="MaxOccurrencesPerKey"/> timestamps per key: counts beyond that saturate at the cap, which is far above any threshold the suite uses.</remarks>
public sealed class InMemorySlidingWindowCounterStore : ISlidingWindowCounterStore
{
    /// <summary>The most occurrences remembered per key.</summary>
    public const int MaxOccurrencesPerKey = 100_000;

    private readonly ConcurrentDictionary<string, Occurrences> _keys = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<long> IncrementAsync(string key, DateTimeOffset timestamp, TimeSpan window, CancellationToken cancellationToken = default)
    {
        Check(key, window);
        var o = _keys.GetOrAdd(key, static _ => new Occurrences());
        lock (o)
        {
            var q = o.Times;
            Evict(q, timestamp, window);
            if (q.Count >= MaxOccurrencesPerKey)
            {
                q.Dequeue();
            }

            // Occurrences may arrive slightly out of order; keep them sorted so eviction from the head stays correct.
            if (q.Count == 0 || o.Newest <= timestamp)
            {
                // In order (the common case): after eviction every remembered time is inside the window.
                q.Enqueue(timestamp);
                o.Newest = timestamp;
                return ValueTask.FromResult((long)q.Count);
            }
            else
            {
                var sorted = q.Append(timestamp).Order().ToArray();
                q.Clear();
                foreach (var t in sorted)
                {
                    q.Enqueue(t);
                }
            }

            return ValueTask.FromResult(CountUpTo(q, timestamp, window));
        }
    }

    /// <inheritdoc/>
    public ValueTask<long> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        Check(key, window);
        if (!_keys.TryGetValue(key, out var o))
        {
            return ValueTask.FromResult(0L);
        }

        lock (o)
        {
            return ValueTask.FromResult(CountUpTo(o.Times, now, window));
        }
    }

    /// <inheritdoc/>
    public ValueTask ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _keys.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    private static void Evict(Queue<DateTimeOffset> q, DateTimeOffset now, TimeSpan window)
    {
        while (q.Count > 0 && q.Peek() <= now - window)
        {
            q.Dequeue();
        }
    }

    private static long CountUpTo(Queue<DateTimeOffset> q, DateTimeOffset now, TimeSpan window)
    {
        long n = 0;
        var start = now - window;
        foreach (var t in q)
        {
            if (t > start && t <= now)
            {
                n++;
            }
        }

        return n;
    }

    private sealed class Occurrences
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public DateTimeOffset Newest { get; set; }
    }

    private static void Check(string key, TimeSpan window)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
    }
}
