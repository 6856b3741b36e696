namespace TradingRl.Security.Auth.Lockout;

/// <summary>One async mutex per key, created on demand and dropped when nobody holds or waits for it.</summary>
/// <remarks>
/// Serialises the check-verify-record sequence of password attempts per account, so concurrent guesses cannot all pass
/// the lockout check before the first failure is counted. Per process: a fleet needs the store to reserve attempts.
/// </remarks>
internal sealed class KeyedAsyncLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<Releaser> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Leave(key, entry, acquired: false);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Leave(string key, Entry entry, bool acquired)
    {
        if (acquired)
        {
            entry.Gate.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Gate.Dispose();
            }
        }
    }

    internal readonly struct Releaser(KeyedAsyncLock owner, string key, Entry entry) : IDisposable
    {
        public void Dispose() => owner.Leave(key, entry, acquired: true);
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
