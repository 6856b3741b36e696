namespace TradingRl.Security.Encryption;

/// <summary>Encrypts a data subject's data under a key of its own, so erasing that key makes all of it unreadable (crypto-shredding).</summary>
/// <remarks>Thread-safe. Ciphertexts use the envelope format with the subject key's id; the context is bound as associated data.</remarks>
public interface ISubjectEncryptor
{
    /// <summary>Encrypts data of a subject, making the subject's key on first use.</summary>
    /// <param name="subjectId">The data subject, e.g. a user id; 1 to 1,024 characters.</param>
    /// <param name="plaintext">The data.</param>
    /// <param name="context">Bound as associated data; may be empty.</param>
    /// <returns>The ciphertext.</returns>
    byte[] Encrypt(string subjectId, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context);

    /// <summary>Decrypts data of a subject.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <param name="ciphertext">The ciphertext.</param>
    /// <param name="context">The context given to <see cref="Encrypt"/>.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="DecryptionFailedException">The subject's key was erased (<see cref="DecryptionFailureReason.SubjectErased"/>), the data is another subject's, or it was tampered with.</exception>
    byte[] Decrypt(string subjectId, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context);

    /// <summary>Erases a subject's key, publishes <c>data.subject.erased</c> with the evidence, and returns it.</summary>
    /// <param name="subjectId">The data subject.</param>
    /// <returns>The evidence, or <see langword="null"/> when the subject had no key.</returns>
    SubjectErasureEvidence? EraseSubject(string subjectId);
}
