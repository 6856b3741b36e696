namespace TradingRl.Security.Compliance.Audit;

/// <summary>One item of a stored audit log, in log order: a record (its encoded bytes and stored leaf hash) or a commit (a signed tree head).</summary>
/// <remarks>Immutable. <see cref="Data"/> is empty for a record whose segment was removed by retention; its leaf hash remains.</remarks>
public sealed class AuditStoreEntry
{
    /// <summary>Initializes a record entry.</summary>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="data">The canonical record bytes (the Merkle leaf data); empty when pruned.</param>
    /// <param name="leafHash">The stored 32-byte leaf hash.</param>
    public AuditStoreEntry(long sequence, ReadOnlyMemory<byte> data, ReadOnlyMemory<byte> leafHash)
    {
        Sequence = sequence;
        Data = data;
        LeafHash = leafHash;
    }

    /// <summary>Initializes a commit entry.</summary>
    /// <param name="commit">The signed tree head written with a group commit.</param>
    public AuditStoreEntry(SignedCheckpoint commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        Commit = commit;
        Sequence = commit.TreeSize;
    }

    /// <summary>Gets the record's sequence number, or for a commit its tree size.</summary>
    public long Sequence { get; }

    /// <summary>Gets the record bytes; empty for a commit or a pruned record.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets the stored leaf hash of a record; empty for a commit.</summary>
    public ReadOnlyMemory<byte> LeafHash { get; }

    /// <summary>Gets the signed tree head of a commit; <see langword="null"/> for a record.</summary>
    public SignedCheckpoint? Commit { get; }

    /// <summary>Gets a value indicating whether the record's data was removed by retention (only its hash remains).</summary>
    public bool IsPruned => Commit is null && Data.IsEmpty;
}
