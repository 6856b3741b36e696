namespace TradingRl.Security.Incidents;

/// <summary>A bounded map from group key to per-key state with least-recently-used eviction; no allocation on a hit.</summary>
/// <remarks>Not thread-safe: the engine holds its lock. The evicted slot's state object is handed back for reuse.</remarks>
internal sealed class KeyTable<TState>
    where TState : class
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private string[] _keys;
    private TState?[] _states;
    private int[] _prev;
    private int[] _next;
    private int _head = -1;
    private int _tail = -1;
    private int _used;

    public KeyTable(int capacity)
    {
        _capacity = capacity;
        var initial = Math.Min(capacity, 16);
        _keys = new string[initial];
        _states = new TState?[initial];
        _prev = new int[initial];
        _next = new int[initial];
    }

    public int Count => _index.Count;

    /// <summary>Finds or makes the slot of <paramref name="key"/> and marks it most recently used.</summary>
    /// <param name="key">The group key.</param>
    /// <param name="created">Set when the key is new (its state must be reset or created).</param>
    /// <param name="evicted">Set when another key was evicted to make room; its old state is still in the slot.</param>
    /// <returns>The slot.</returns>
    public int Touch(string key, out bool created, out bool evicted)
    {
        evicted = false;
        if (_index.TryGetValue(key, out var slot))
        {
            created = false;
            MoveToHead(slot);
            return slot;
        }

        created = true;
        if (_used < _capacity)
        {
            if (_used == _keys.Length)
            {
                var size = (int)Math.Min(_capacity, (long)_keys.Length * 2);
                Array.Resize(ref _keys, size);
                Array.Resize(ref _states, size);
                Array.Resize(ref _prev, size);
                Array.Resize(ref _next, size);
            }

            slot = _used++;
        }
        else
        {
            slot = _tail;
            Unlink(slot);
            _index.Remove(_keys[slot]);
            evicted = true;
        }

        _keys[slot] = key;
        _index[key] = slot;
        LinkHead(slot);
        return slot;
    }

    public ref TState? State(int slot) => ref _states[slot];

    public void Clear()
    {
        _index.Clear();
        Array.Clear(_keys);
        Array.Clear(_states);
        _head = _tail = -1;
        _used = 0;
    }

    private void MoveToHead(int slot)
    {
        if (slot == _head)
        {
            return;
        }

        Unlink(slot);
        LinkHead(slot);
    }

    private void Unlink(int slot)
    {
        var p = _prev[slot];
        var n = _next[slot];
        if (p >= 0)
        {
            _next[p] = n;
        }
        else
        {
            _head = n;
        }

        if (n >= 0)
        {
            _prev[n] = p;
        }
        else
        {
            _tail = p;
        }
    }

    private void LinkHead(int slot)
    {
        _prev[slot] = -1;
        _next[slot] = _head;
        if (_head >= 0)
        {
            _prev[_head] = slot;
        }

        _head = slot;
        if (_tail < 0)
        {
            _tail = slot;
        }
    }
}
