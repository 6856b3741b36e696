namespace TradingRl.Security.Compliance.Audit;

/// <summary>Receives a stored log in order without an entry object per record (<see cref="FileAuditStore"/>'s verification path).</summary>
/// <remarks>Each method returns <see langword="false"/> to stop the walk. The spans are valid only during the call.</remarks>
internal interface IAuditLogVisitor
{
    /// <summary>A record: its leaf input (the byte 0x00, then the stored record bytes) and stored leaf hash.</summary>
    bool Record(long sequence, ReadOnlySpan<byte> leafInput, ReadOnlySpan<byte> storedLeafHash);

    /// <summary>A record whose data retention removed: only its stored leaf hash.</summary>
    bool Pruned(long sequence, ReadOnlySpan<byte> leafHash);

    /// <summary>A signed commit.</summary>
    bool Commit(SignedCheckpoint commit);

    /// <summary>Announces a commit that <see cref="Commit"/> will receive later in the walk (its segment was just read), so its signature can be checked ahead, beside the hashing.</summary>
    void Upcoming(SignedCheckpoint commit);
}
