namespace TradingRl.Security.Compliance;

/// <summary>An account's resting orders by client order id: a dense array of entries (scanned by hash while small, indexed once it grows).</summary>
/// <remarks>
/// A mutable struct held in a field of <see cref="AccountState"/> and guarded by its lock. An account with a handful of resting orders
/// reads one array for the duplicate-id check, the self-trade scan and the reservation (a <see cref="Dictionary{TKey, TValue}"/> reads
/// the dictionary, its buckets and its entries); past <see cref="ScanLimit"/> entries an id-to-position index keeps lookups O(1).
/// Removing swaps the last entry into the hole, so the array stays dense and allocation-free in the steady state.
/// </remarks>
internal struct OpenOrderTable
{
    private const int ScanLimit = 8;
    private OpenOrderEntry[] _entries;
    private int _count;
    private Dictionary<string, int>? _index;

    public OpenOrderTable() => _entries = new OpenOrderEntry[4];

    public readonly int Count => _count;

    /// <summary>Gets the entries, valid until the table changes.</summary>
    public readonly Span<OpenOrderEntry> Entries => _entries.AsSpan(0, _count);

    /// <summary>Reads the first entry, to start loading the array (see <see cref="AccountState.Touch"/>).</summary>
    public readonly int Touch() => _count > 0 ? Volatile.Read(ref _entries[0].Hash) : 0;

    public readonly int IndexOf(string orderId)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(orderId, out var k) ? k : -1;
        }

        var hash = KeyedState.Hash(orderId);
        var entries = _entries;
        for (var k = 0; k < _count; k++)
        {
            if (entries[k].Hash == hash && string.Equals(entries[k].OrderId, orderId, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    public readonly bool ContainsKey(string orderId) => IndexOf(orderId) >= 0;

    public readonly bool TryGetValue(string orderId, out OpenOrderEntry entry)
    {
        var k = IndexOf(orderId);
        entry = k >= 0 ? _entries[k] : default;
        return k >= 0;
    }

    public readonly ref OpenOrderEntry At(int index) => ref _entries[index];

    /// <summary>Adds an entry whose id is not in the table (the caller checked).</summary>
    public void Add(OpenOrderEntry entry)
    {
        entry.Hash = KeyedState.Hash(entry.OrderId);
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }

        _entries[_count] = entry;
        if (_index is not null)
        {
            _index.Add(entry.OrderId, _count);
        }
        else if (_count == ScanLimit)
        {
            _index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
            for (var k = 0; k <= _count; k++)
            {
                _index.Add(_entries[k].OrderId, k);
            }
        }

        _count++;
    }

    public void RemoveAt(int index)
    {
        var last = _count - 1;
        _index?.Remove(_entries[index].OrderId);
        if (index != last)
        {
            _entries[index] = _entries[last];
            if (_index is not null)
            {
                _index[_entries[index].OrderId] = index;
            }
        }

        _entries[last] = default;
        _count = last;
    }
}
