namespace TradingRl.Security.Compliance;

/// <summary>A live state reached by a string key (an account id or an instrument symbol), carrying its own key and hash so a table lookup reads one slot and the state itself.</summary>
internal abstract class KeyedState(string key)
{
    public string Key { get; } = key;

    public int KeyHash { get; } = Hash(key);

    public static int Hash(string key) => string.GetHashCode(key.AsSpan(), StringComparison.Ordinal);
}

/// <summary>
/// An insert-only, string-keyed table of live states with lock-free reads: an open-addressed array of references to the states.
/// A lookup touches one slot and then the state (which holds its key and hash), where a <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/>
/// reads a bucket, a node and then the value: one dependent cache miss fewer per lookup when the book outgrows the CPU caches.
/// </summary>
/// <remarks>
/// Writers serialize on a private lock; a state is published with a release write into a slot that was empty, and a grown array is
/// published whole, so a reader sees either the old array (every state added before it) or the new one. States are never removed.
/// </remarks>
internal sealed class KeyedStateTable<T>
    where T : KeyedState
{
    private readonly Lock _write = new();
    private T?[] _slots = new T?[16];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? state)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        var hash = KeyedState.Hash(key);
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var s = slots[i];
            if (s is null)
            {
                state = null;
                return false;
            }

            if (s.KeyHash == hash && string.Equals(s.Key, key, StringComparison.Ordinal))
            {
                state = s;
                return true;
            }
        }
    }

    /// <summary>Returns the state of a key, adding the one <paramref name="create"/> makes when there is none (called under the write lock, at most once).</summary>
    public T GetOrAdd<TArg>(string key, Func<TArg, T> create, TArg argument, out bool added)
    {
        added = false;
        if (TryGetValue(key, out var found))
        {
            return found;
        }

        lock (_write)
        {
            if (TryGetValue(key, out found))
            {
                return found;
            }

            added = true;
            var state = create(argument);
            var slots = _slots;
            if ((_count + 1) * 2 > slots.Length)
            {
                slots = new T?[slots.Length * 2];
                foreach (var s in _slots)
                {
                    if (s is not null)
                    {
                        slots[FreeSlot(slots, s.KeyHash)] = s;
                    }
                }
            }

            Volatile.Write(ref slots[FreeSlot(slots, state.KeyHash)], state);
            Volatile.Write(ref _slots, slots);
            Volatile.Write(ref _count, _count + 1);
            return state;
        }
    }

    /// <summary>Lists the states; one added while listing may or may not be included.</summary>
    public IEnumerable<T> Values
    {
        get
        {
            foreach (var s in Volatile.Read(ref _slots))
            {
                if (s is not null)
                {
                    yield return s;
                }
            }
        }
    }

    private static int FreeSlot(T?[] slots, int hash)
    {
        var mask = slots.Length - 1;
        var i = hash & mask;
        while (slots[i] is not null)
        {
            i = (i + 1) & mask;
        }

        return i;
    }
}
