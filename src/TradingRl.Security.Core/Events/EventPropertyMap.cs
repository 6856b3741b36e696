using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace TradingRl.Security.Events;

/// <summary>An immutable copy of an event's properties: at most <see cref="SecurityEvent.MaxProperties"/> entries, sorted by ordinal name and found by binary search.</summary>
/// <remarks>
/// Replaces a frozen dictionary per event: building one analyses its keys and allocates several kilobytes, which the
/// request audit paid on every API request; two arrays sized to the count cost a few hundred bytes, and a search over
/// at most 32 sorted names is a handful of comparisons.
/// </remarks>
internal sealed class EventPropertyMap : IReadOnlyDictionary<string, string>
{
    private readonly string[] _keys;
    private readonly string[] _values;

    private EventPropertyMap(string[] keys, string[] values)
    {
        _keys = keys;
        _values = values;
        if (IsStrictlyAscending(keys))
        {
            // Given in order, as a hot-path publisher lists its names: already sorted and without a repeat.
            return;
        }

        Array.Sort(_keys, _values, StringComparer.Ordinal);
        for (var k = 1; k < _keys.Length; k++)
        {
            // A dictionary cannot hold a name twice under ordinal comparison, but one with another comparer, or a span, can.
            if (string.Equals(_keys[k - 1], _keys[k], StringComparison.Ordinal))
            {
                throw new ArgumentException($"The property '{_keys[k]}' is given twice.", nameof(keys));
            }
        }
    }

    /// <summary>Copies a dictionary.</summary>
    public static EventPropertyMap From(IReadOnlyDictionary<string, string> source)
    {
        var keys = new string[source.Count];
        var values = new string[source.Count];
        var i = 0;
        if (source is Dictionary<string, string> dictionary)
        {
            // The dictionary's own enumerator, not a boxed one through the interface.
            foreach (var (key, value) in dictionary)
            {
                keys[i] = key;
                values[i++] = value;
            }
        }
        else
        {
            foreach (var (key, value) in source)
            {
                if (i == keys.Length)
                {
                    throw new ArgumentException("The dictionary lists more entries than its Count.", nameof(source));
                }

                keys[i] = key;
                values[i++] = value;
            }
        }

        return new EventPropertyMap(keys, values);
    }

    /// <summary>Copies name/value pairs.</summary>
    public static EventPropertyMap From(ReadOnlySpan<KeyValuePair<string, string>> source)
    {
        var keys = new string[source.Length];
        var values = new string[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            keys[i] = source[i].Key;
            values[i] = source[i].Value;
        }

        return new EventPropertyMap(keys, values);
    }

    public int Count => _keys.Length;

    /// <summary>Gets the names, sorted, for the event's checks; never handed out.</summary>
    internal ReadOnlySpan<string> NameSpan => _keys;

    /// <summary>Gets the values in the order of <see cref="NameSpan"/>.</summary>
    internal ReadOnlySpan<string> ValueSpan => _values;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<string> Values => _values;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The event has no property '{key}'.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, string>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsStrictlyAscending(string[] keys)
    {
        for (var k = 1; k < keys.Length; k++)
        {
            // A null name is left to the sort and the event's checks.
            if (keys[k - 1] is null || keys[k] is null || string.CompareOrdinal(keys[k - 1], keys[k]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Array.BinarySearch(_keys, key, StringComparer.Ordinal);
    }
}
