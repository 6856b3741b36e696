namespace TradingRl.Security.Compliance.Audit;

/// <summary>Stores the audit log: records and the signed commit that closes each group commit, plus exported checkpoints.</summary>
/// <remarks>
/// Implementations promise: <see cref="AppendAsync"/> is atomic (a group is stored whole with its commit, or not at all after recovery)
/// and durable at the configured level when it completes; <see cref="OpenAsync"/> recovers to the last complete commit and never drops
/// a committed group; only one writer at a time (a store that several hosts append to implements <see cref="ISharedAuditStore"/>). A database store maps a group to one transaction.
/// </remarks>
public interface IAuditStore : IAsyncDisposable
{
    /// <summary>Opens the store for writing, recovering from a crash: an incomplete group after the last commit is removed.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>What recovery found.</returns>
    /// <exception cref="AuditLogTamperedException">Damage that a crash cannot explain (a bad record before a valid commit).</exception>
    /// <exception cref="AuditStoreException">The store cannot be read or locked.</exception>
    ValueTask<AuditStoreRecovery> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends a group of records and the commit that covers them, durably.</summary>
    /// <param name="records">The records, with dense sequence numbers following the stored ones.</param>
    /// <param name="commit">The signed tree head after the group.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>A task that completes once the group is durable.</returns>
    /// <exception cref="AuditStoreException">The write failed; nothing of the group is kept.</exception>
    ValueTask AppendAsync(IReadOnlyList<AuditStoreEntry> records, SignedCheckpoint commit, CancellationToken cancellationToken = default);

    /// <summary>Reads the log in order from a sequence number: records, and the commits after them.</summary>
    /// <param name="fromSequence">The first sequence number wanted; earlier segments are skipped.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The entries.</returns>
    /// <remarks>Leaf hashes are returned as stored, not re-checked: the verifier re-hashes every record's data itself.</remarks>
    IAsyncEnumerable<AuditStoreEntry> ReadAsync(long fromSequence, CancellationToken cancellationToken = default);

    /// <summary>Durably saves a checkpoint signed on schedule or on demand.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>A task that completes once it is durable.</returns>
    ValueTask SaveCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Reads every saved checkpoint, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoints.</returns>
    ValueTask<IReadOnlyList<SignedCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the data of sealed segments whose newest record is older than <paramref name="recordedBefore"/>, keeping their leaf hashes and closing commit.</summary>
    /// <param name="recordedBefore">The retention cut-off.</param>
    /// <param name="cancellationToken">Cancels the pruning.</param>
    /// <returns>How many records' data were removed.</returns>
    ValueTask<long> PruneAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken = default);
}
