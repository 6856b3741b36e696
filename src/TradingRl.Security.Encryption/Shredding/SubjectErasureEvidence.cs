namespace TradingRl.Security.Encryption;

/// <summary>Evidence that a data subject's key was erased (crypto-shredding), for the audit trail.</summary>
/// <param name="SubjectHash">Lower-case hex SHA-256 of the subject id.</param>
/// <param name="KeyId">The erased key's id: every ciphertext naming it is now unreadable.</param>
/// <param name="ErasedAt">When the key was erased.</param>
/// <param name="KeyCommitment">The commitment recorded when the key was made (hex SHA-256 over label, id and key).</param>
/// <param name="EvidenceDigest">Lower-case hex SHA-256 over the fields above, for a tamper-evident log to reference.</param>
public sealed record SubjectErasureEvidence(string SubjectHash, Guid KeyId, DateTimeOffset ErasedAt, string KeyCommitment, string EvidenceDigest);
