using System.Runtime.CompilerServices;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>An audit store in memory, for tests and benchmarks: lost at exit, never pruned.</summary>
/// <remarks>Thread-safe. Keeps the same promises as the file store within the process (atomic groups, dense sequence numbers).</remarks>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly object _gate = new();

    // One item per group: its records (the writer's block as it is, or a copy of another list) and its commit, in log order.
    private readonly List<Group> _groups = [];
    private readonly List<SignedCheckpoint> _checkpoints = [];
    private long _count;
    private bool _opened;

    /// <summary>Gets the number of stored records.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
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
            return ValueTask.FromResult(new AuditStoreRecovery(_count, 0, _groups.Count == 0));
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
            var next = _count;
            if (records.Count == 0 || commit.TreeSize != next + records.Count)
            {
                throw new ArgumentException("A group holds at least one record and its commit covers exactly the records stored so far plus the group.", nameof(records));
            }

            if (records is AuditEntryBlock block)
            {
                // The writer's block: immutable, its records non-empty with 32-byte hashes; kept as it is.
                if (block.FirstSequence != next)
                {
                    throw new ArgumentException("Group records must follow the stored sequence densely.", nameof(records));
                }

                _groups.Add(new Group(block, new AuditStoreEntry(commit), commit.TreeSize));
            }
            else
            {
                var copy = new AuditStoreEntry[records.Count];
                for (var i = 0; i < copy.Length; i++)
                {
                    var r = copy[i] = records[i];
                    if (r is null || r.Commit is not null || r.Sequence != next + i || r.Data.IsEmpty || r.LeafHash.Length != MerkleHash.Size)
                    {
                        throw new ArgumentException("Group records must be non-empty, carry a 32-byte leaf hash and follow the stored sequence densely.", nameof(records));
                    }
                }

                _groups.Add(new Group(copy, new AuditStoreEntry(commit), commit.TreeSize));
            }

            _count = commit.TreeSize;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<AuditStoreEntry> ReadAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        Group[] snapshot;
        lock (_gate)
        {
            snapshot = fromSequence < _count ? [.. _groups] : [];
        }

        // The group holding the first record asked for (groups are in order; each ends at its commit's tree size), then all after it.
        int lo = 0, hi = snapshot.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (snapshot[mid].End <= fromSequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var g = lo; g < snapshot.Length; g++)
        {
            var group = snapshot[g];
            var start = group.End - group.Records.Count;
            for (var i = (int)Math.Max(0, fromSequence - start); i < group.Records.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return group.Records[i];
            }

            yield return group.Commit;
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

    private sealed record Group(IReadOnlyList<AuditStoreEntry> Records, AuditStoreEntry Commit, long End);
}
