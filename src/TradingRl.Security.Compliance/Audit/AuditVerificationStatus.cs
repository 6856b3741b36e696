namespace TradingRl.Security.Compliance.Audit;

/// <summary>The outcome of verifying an audit log.</summary>
public enum AuditVerificationStatus
{
    /// <summary>Every stored record re-hashes to its signed commits and to every checkpoint.</summary>
    Valid = 0,

    /// <summary>A record's bytes no longer match its hash, or a group no longer hashes to its signed root: records were edited.</summary>
    RecordAltered = 1,

    /// <summary>Sequence numbers are not dense and in order: records were removed, swapped or inserted.</summary>
    SequenceBroken = 2,

    /// <summary>A commit or checkpoint signature does not verify with the trusted key: history was re-signed or forged.</summary>
    SignatureInvalid = 3,

    /// <summary>The log's root at a checkpoint's size differs from the signed root: history was rewritten, even if every hash was recomputed.</summary>
    CheckpointMismatch = 4,

    /// <summary>The log is shorter than a checkpoint signed over it: records were cut off.</summary>
    LogTruncated = 5,

    /// <summary>Records after the last signed commit: a crash's unacknowledged remnant or an unsigned forgery; they are not part of the log.</summary>
    UncommittedTail = 6,
}
