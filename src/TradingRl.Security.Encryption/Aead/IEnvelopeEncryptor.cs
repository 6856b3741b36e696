namespace TradingRl.Security.Encryption;

/// <summary>Encrypts and decrypts data under the key ring's data keys in the versioned envelope format, bound to a caller-supplied context.</summary>
/// <remarks>
/// Thread-safe. The span overloads allocate nothing beyond what the caller passes in. The context (e.g. a table and row id)
/// is authenticated, not stored: decrypting needs the same context. Failures throw <see cref="DecryptionFailedException"/>
/// and release no plaintext.
/// </remarks>
public interface IEnvelopeEncryptor
{
    /// <summary>Gets the algorithm new data is encrypted with.</summary>
    AeadCipher Cipher { get; }

    /// <summary>Returns the ciphertext length of a plaintext length.</summary>
    /// <param name="plaintextLength">The plaintext length.</param>
    /// <returns>The ciphertext length.</returns>
    int GetCiphertextLength(int plaintextLength);

    /// <summary>Encrypts under the current data key.</summary>
    /// <param name="plaintext">The data.</param>
    /// <param name="context">Bound as associated data; may be empty.</param>
    /// <param name="destination">Receives the ciphertext; at least <see cref="GetCiphertextLength"/> bytes, not overlapping <paramref name="plaintext"/>.</param>
    /// <returns>The bytes written.</returns>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    /// <exception cref="KeyRingException">The key reached its usage bound and the ring could not rotate or persist.</exception>
    int Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context, Span<byte> destination);

    /// <summary>Encrypts under the current data key into a new array.</summary>
    /// <param name="plaintext">The data.</param>
    /// <param name="context">Bound as associated data; may be empty.</param>
    /// <returns>The ciphertext.</returns>
    byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context);

    /// <summary>Authenticates and decrypts.</summary>
    /// <param name="ciphertext">The ciphertext.</param>
    /// <param name="context">The context given to <c>Encrypt</c>.</param>
    /// <param name="destination">Receives the plaintext; at least <see cref="EnvelopeFormat.GetPlaintextLength"/> bytes. Cleared on failure.</param>
    /// <returns>The plaintext length.</returns>
    /// <exception cref="DecryptionFailedException">Tampered, another context, an unknown or revoked key, an unknown version or algorithm, or malformed.</exception>
    int Decrypt(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context, Span<byte> destination);

    /// <summary>Authenticates and decrypts into a new array.</summary>
    /// <param name="ciphertext">The ciphertext.</param>
    /// <param name="context">The context given to <c>Encrypt</c>.</param>
    /// <returns>The plaintext; the caller zeroes it when it is secret.</returns>
    /// <exception cref="DecryptionFailedException">As for the span overload.</exception>
    byte[] Decrypt(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context);

    /// <summary>Re-encrypts a ciphertext under the current data key without handing its plaintext to the caller.</summary>
    /// <param name="ciphertext">The ciphertext under any key of the ring that still decrypts.</param>
    /// <param name="context">Its context; the new ciphertext is bound to the same context.</param>
    /// <returns>The new ciphertext.</returns>
    /// <exception cref="DecryptionFailedException">The old ciphertext was refused.</exception>
    byte[] ReEncrypt(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context);
}
