namespace TradingRl.Security.Encryption;

/// <summary>A data subject's key as stored: wrapped under the key ring, with a commitment to the key for erasure evidence.</summary>
/// <param name="SubjectHash">Lower-case hex SHA-256 of the subject id (the id itself is not stored).</param>
/// <param name="KeyId">The subject key's id, written into each ciphertext.</param>
/// <param name="CreatedAt">When the key was made.</param>
/// <param name="WrappedKey">The key in the envelope format under the ring's data key, base64.</param>
/// <param name="KeyCommitment">Lower-case hex SHA-256 over a domain label, the key id and the key: names the key without revealing it.</param>
public sealed record SubjectKeyRecord(string SubjectHash, Guid KeyId, DateTimeOffset CreatedAt, string WrappedKey, string KeyCommitment);
