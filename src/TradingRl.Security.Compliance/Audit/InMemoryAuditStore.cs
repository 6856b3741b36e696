using System.Runtime.CompilerServices;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>An audit store in memory, for tests and benchmarks: lost at exit, never pruned.</summary>
/// <remarks>Thread-safe. Keeps the same promises as the file store within the process (atomic groups, dense sequence numbers).</remarks>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly object _gate = new();
    private readonly List<AuditStoreEntry> _entries = [];
    private readonly List<int> _recordPositions = [];
    private readonly List<SignedCheckpoint> _checkpoints = [];
    private bool _opened;

    /// <summary>Gets the number of stored records.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _recordPositions.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<AuditStoreRecovery> OpenAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_opened)
            {
                throw new InvalidOperationException("The audit store is already open.");
            }

            _opened = true;
            return ValueTask.FromResult(new AuditStoreRecovery(_recordPositions.Count, 0, _entries.Count == 0));
        }
    }

    /// <inheritdoc/>
    public ValueTask AppendAsync(IReadOnlyList<AuditStoreEntry> records, SignedCheckpoint commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(commit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var next = (long)_recordPositions.Count;
            if (records.Count == 0 || commit.TreeSize != next + records.Count)
            {
                throw new ArgumentException("A group holds at least one record and its commit covers exactly the records stored so far plus the group.", nameof(records));
            }

            for (var i = 0; i < records.Count; i++)
            {
                if (records[i].Sequence != next + i || records[i].Data.IsEmpty || records[i].LeafHash.Length != MerkleHash.Size)
                {
                    throw new ArgumentException("Group records must be non-empty, carry a 32-byte leaf hash and follow the stored sequence densely.", nameof(records));
                }
            }

            foreach (var r in records)
            {
                _recordPositions.Add(_entries.Count);
                _entries.Add(r);
            }

            _entries.Add(new AuditStoreEntry(commit));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<AuditStoreEntry> ReadAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        AuditStoreEntry[] snapshot;
        lock (_gate)
        {
            var start = fromSequence < _recordPositions.Count ? _recordPositions[(int)fromSequence] : _entries.Count;
            snapshot = _entries.GetRange(start, _entries.Count - start).ToArray();
        }

        foreach (var e in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask SaveCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_gate)
        {
            _checkpoints.Add(checkpoint);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<SignedCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<SignedCheckpoint>>([.. _checkpoints]);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The in-memory store has no segments and prunes nothing.</remarks>
    public ValueTask<long> PruneAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken = default) => ValueTask.FromResult(0L);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
