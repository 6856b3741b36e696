using System.Buffers.Binary;

namespace TradingRl.Security.Encryption;

/// <summary>The versioned envelope ciphertext format and its sizes.</summary>
/// <remarks>
/// <para>Version 1 layout, all integers big-endian:</para>
/// <code>
/// offset 0        1 byte   version (1)
/// offset 1        1 byte   algorithm (1 = AES-256-GCM, 2 = XChaCha20-Poly1305)
/// offset 2       16 bytes  key id (RFC 4122 byte order)
/// offset 18    12|24 bytes nonce (random, from RandomNumberGenerator)
/// then            n bytes  ciphertext (as long as the plaintext)
/// then           16 bytes  tag
/// </code>
/// <para>The associated data is the header (version through nonce) followed by the caller's context, so a changed
/// header byte, another key id or another context fails authentication. Overhead: 46 bytes (AES-256-GCM) or 58 bytes
/// (XChaCha20-Poly1305).</para>
/// </remarks>
public static class EnvelopeFormat
{
    /// <summary>The only format version written and read.</summary>
    public const byte Version1 = 1;

    /// <summary>The length of the key id in bytes.</summary>
    public const int KeyIdLength = 16;

    /// <summary>The length of the authentication tag in bytes.</summary>
    public const int TagLength = 16;

    /// <summary>The offset of the key id.</summary>
    public const int KeyIdOffset = 2;

    /// <summary>The offset of the nonce.</summary>
    public const int NonceOffset = KeyIdOffset + KeyIdLength;

    /// <summary>The shortest possible ciphertext (AES-256-GCM, empty plaintext).</summary>
    public const int MinLength = NonceOffset + 12 + TagLength;

    /// <summary>Returns the nonce length of an algorithm.</summary>
    /// <param name="cipher">The algorithm.</param>
    /// <returns>12 for AES-256-GCM, 24 for XChaCha20-Poly1305.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The algorithm is not defined.</exception>
    public static int GetNonceLength(AeadCipher cipher) => cipher switch
    {
        AeadCipher.Aes256Gcm => 12,
        AeadCipher.XChaCha20Poly1305 => 24,
        _ => throw new ArgumentOutOfRangeException(nameof(cipher), cipher, "Unknown algorithm."),
    };

    /// <summary>Returns the header length of an algorithm.</summary>
    /// <param name="cipher">The algorithm.</param>
    /// <returns>The bytes before the ciphertext.</returns>
    public static int GetHeaderLength(AeadCipher cipher) => NonceOffset + GetNonceLength(cipher);

    /// <summary>Returns how many bytes the format adds to a plaintext.</summary>
    /// <param name="cipher">The algorithm.</param>
    /// <returns>Header plus tag length.</returns>
    public static int GetOverhead(AeadCipher cipher) => GetHeaderLength(cipher) + TagLength;

    /// <summary>Returns the ciphertext length for a plaintext length.</summary>
    /// <param name="cipher">The algorithm.</param>
    /// <param name="plaintextLength">The plaintext length.</param>
    /// <returns>The ciphertext length.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative or the result would not fit an <see cref="int"/>.</exception>
    public static int GetCiphertextLength(AeadCipher cipher, int plaintextLength)
    {
        var overhead = GetOverhead(cipher);
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(plaintextLength, int.MaxValue - overhead);
        return plaintextLength + overhead;
    }

    /// <summary>Reads and checks the header of a ciphertext.</summary>
    /// <param name="ciphertext">The whole ciphertext.</param>
    /// <returns>The header.</returns>
    /// <exception cref="DecryptionFailedException">The data is too short, or its version or algorithm is unknown.</exception>
    public static EnvelopeHeader ReadHeader(ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < 2)
        {
            throw new DecryptionFailedException(DecryptionFailureReason.Malformed, $"The ciphertext is {ciphertext.Length} bytes long, shorter than any valid ciphertext ({MinLength} bytes); it was truncated or is not a ciphertext of this format.");
        }

        if (ciphertext[0] != Version1)
        {
            throw new DecryptionFailedException(DecryptionFailureReason.UnsupportedVersion, $"The ciphertext has format version {ciphertext[0]}; this library reads version {Version1} only. Upgrade the library or check the data is a ciphertext of this format.");
        }

        var cipher = (AeadCipher)ciphertext[1];
        if (cipher is not (AeadCipher.Aes256Gcm or AeadCipher.XChaCha20Poly1305))
        {
            throw new DecryptionFailedException(DecryptionFailureReason.UnsupportedAlgorithm, $"The ciphertext names algorithm {ciphertext[1]}, which is not defined by format version {Version1}.");
        }

        var headerLength = GetHeaderLength(cipher);
        if (ciphertext.Length < headerLength + TagLength)
        {
            throw new DecryptionFailedException(DecryptionFailureReason.Malformed, $"The ciphertext is {ciphertext.Length} bytes long, shorter than the {headerLength + TagLength} bytes of header and tag; it was truncated.");
        }

        var keyId = new Guid(ciphertext.Slice(KeyIdOffset, KeyIdLength), bigEndian: true);
        return new EnvelopeHeader(Version1, cipher, keyId, headerLength);
    }

    /// <summary>Returns the plaintext length of a ciphertext.</summary>
    /// <param name="ciphertext">The whole ciphertext.</param>
    /// <returns>The plaintext length.</returns>
    /// <exception cref="DecryptionFailedException">The header is malformed.</exception>
    public static int GetPlaintextLength(ReadOnlySpan<byte> ciphertext) => ciphertext.Length - ReadHeader(ciphertext).HeaderLength - TagLength;

    internal static void WriteHeader(Span<byte> destination, AeadCipher cipher, Guid keyId)
    {
        destination[0] = Version1;
        destination[1] = (byte)cipher;
        _ = keyId.TryWriteBytes(destination.Slice(KeyIdOffset, KeyIdLength), bigEndian: true, out _);
    }

    internal static uint ReadUInt32(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt32BigEndian(source);
}
