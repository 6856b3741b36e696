namespace TradingRl.Security.Encryption;

/// <summary>Stores per-subject keys (wrapped) and the evidence of their erasure.</summary>
/// <remarks>Implementations are thread-safe and make each call atomic. Subject keys must not be kept in backups that outlive an erasure.</remarks>
public interface ISubjectKeyStore
{
    /// <summary>Finds a subject's key.</summary>
    /// <param name="subjectHash">The subject hash.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    SubjectKeyRecord? Find(string subjectHash);

    /// <summary>Adds a subject's key unless one exists.</summary>
    /// <param name="record">The record.</param>
    /// <returns><see langword="false"/> when the subject already has a key.</returns>
    bool TryAdd(SubjectKeyRecord record);

    /// <summary>Destroys a subject's key and records the evidence, in one step.</summary>
    /// <param name="evidence">The evidence, naming the subject hash and key id.</param>
    /// <returns><see langword="false"/> when no such key was stored.</returns>
    bool DestroyKey(SubjectErasureEvidence evidence);

    /// <summary>Finds the evidence of an erased key.</summary>
    /// <param name="keyId">The erased key's id.</param>
    /// <returns>The evidence, or <see langword="null"/> when that key was never erased here.</returns>
    SubjectErasureEvidence? FindErasure(Guid keyId);
}
