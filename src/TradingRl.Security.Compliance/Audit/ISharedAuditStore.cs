namespace TradingRl.Security.Compliance.Audit;

/// <summary>An <see cref="IAuditStore"/> that several hosts append to at once, each through its own <see cref="AuditTrail"/> (a fleet sharing one log).</summary>
/// <remarks>
/// <para>A shared append is one critical section on the log (a database transaction under a lock): the store hands the writer the
/// entries other writers appended after the size this writer knows, the writer folds them into its Merkle tree, checking each
/// record's hash and each commit's signature and root, then builds its own group with the next sequence numbers and a commit
/// signed over the new tree head, and the store writes that group before releasing the lock. Every writer must sign with the
/// same key (<see cref="AuditTrailOptions.SigningKey"/>), so the log verifies with one public key.</para>
/// <para>Stores that are not shared (file, in-memory) keep the single-writer promise of <see cref="IAuditStore"/>.</para>
/// </remarks>
public interface ISharedAuditStore : IAuditStore
{
    /// <summary>Under the log's lock, passes the entries appended after <paramref name="knownTreeSize"/> to <paramref name="buildGroup"/> and appends the group it returns.</summary>
    /// <param name="knownTreeSize">The committed size this writer knows (its tree size).</param>
    /// <param name="buildGroup">
    /// Receives the foreign entries in log order (records and the commits after them, as <see cref="IAuditStore.ReadAsync"/> returns
    /// them; empty when nobody else appended) and returns the group to append after them, or <see langword="null"/> to append
    /// nothing (the call then only reads). Called at most once, while the lock is held; an exception it throws aborts the call and
    /// propagates unchanged, and nothing is written.
    /// </param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>A task that completes once the group (if any) is durable.</returns>
    /// <exception cref="AuditLogTamperedException">The store holds fewer committed records than <paramref name="knownTreeSize"/>: acknowledged records were removed.</exception>
    /// <exception cref="ArgumentException">The group returned is malformed or does not start right after the foreign entries.</exception>
    /// <exception cref="AuditStoreException">The store cannot be read or written; nothing of the group is kept.</exception>
    ValueTask AppendSharedAsync(long knownTreeSize, Func<IReadOnlyList<AuditStoreEntry>, AuditStoreGroup?> buildGroup, CancellationToken cancellationToken = default);
}
