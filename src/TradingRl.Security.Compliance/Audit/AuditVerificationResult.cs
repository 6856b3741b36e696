namespace TradingRl.Security.Compliance.Audit;

/// <summary>What verifying an audit log found: the status, how much was checked, and the first bad sequence number.</summary>
/// <remarks>Immutable. A value, not an exception: verification never throws on a bad log.</remarks>
public sealed class AuditVerificationResult
{
    internal AuditVerificationResult(
        AuditVerificationStatus status,
        long recordCount,
        long prunedRecords,
        int commitsVerified,
        int checkpointsVerified,
        long? firstBadSequence,
        ReadOnlyMemory<byte> rootHash,
        string message)
    {
        Status = status;
        RecordCount = recordCount;
        PrunedRecords = prunedRecords;
        CommitsVerified = commitsVerified;
        CheckpointsVerified = checkpointsVerified;
        FirstBadSequence = firstBadSequence;
        RootHash = rootHash;
        Message = message;
    }

    /// <summary>Gets a value indicating whether the log verified.</summary>
    public bool IsValid => Status == AuditVerificationStatus.Valid;

    /// <summary>Gets the outcome.</summary>
    public AuditVerificationStatus Status { get; }

    /// <summary>Gets how many records were verified before the first problem (all of them when valid).</summary>
    public long RecordCount { get; }

    /// <summary>Gets how many of those records were removed by retention, so only their hashes were checked.</summary>
    public long PrunedRecords { get; }

    /// <summary>Gets how many signed group commits were checked.</summary>
    public int CommitsVerified { get; }

    /// <summary>Gets how many saved or trusted checkpoints were checked.</summary>
    public int CheckpointsVerified { get; }

    /// <summary>Gets the sequence number of the first bad record, when it can be named.</summary>
    /// <remarks>
    /// Exact for an edited, removed, swapped or inserted record. When hashes were recomputed, it is the first record of the first group
    /// whose signed root no longer matches (a group is one group commit). When history was re-signed with the log's own key, only a
    /// trusted checkpoint detects it, and the bad record lies before that checkpoint's size; then it is <see langword="null"/>.
    /// </remarks>
    public long? FirstBadSequence { get; }

    /// <summary>Gets the root hash of the verified records.</summary>
    public ReadOnlyMemory<byte> RootHash { get; }

    /// <summary>Gets an auditor-readable explanation.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Status}: {Message}";
}
