using System.Buffers;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace TradingRl.Security.Encryption;

/// <summary>Seals and opens envelope ciphertexts with an NSec key; the one place the format meets the primitive.</summary>
internal static class AeadCore
{
    private const int StackAssociatedData = 256;

    public static AeadAlgorithm Algorithm(AeadCipher cipher) => cipher switch
    {
        AeadCipher.Aes256Gcm => AeadAlgorithm.Aes256Gcm,
        AeadCipher.XChaCha20Poly1305 => AeadAlgorithm.XChaCha20Poly1305,
        _ => throw new ArgumentOutOfRangeException(nameof(cipher), cipher, "Unknown algorithm."),
    };

    public static bool IsSupported(AeadCipher cipher) => cipher != AeadCipher.Aes256Gcm || Aes256Gcm.IsSupported;

    public static AeadCipher Choose(AeadCipherPreference preference) => preference switch
    {
        AeadCipherPreference.Aes256Gcm => Aes256Gcm.IsSupported
            ? AeadCipher.Aes256Gcm
            : throw new PlatformNotSupportedException("Encryption:Cipher is Aes256Gcm, but this CPU has no AES instructions; set it to Auto or XChaCha20Poly1305."),
        AeadCipherPreference.XChaCha20Poly1305 => AeadCipher.XChaCha20Poly1305,
        _ => Aes256Gcm.IsSupported ? AeadCipher.Aes256Gcm : AeadCipher.XChaCha20Poly1305,
    };

    /// <summary>Writes header, ciphertext and tag into <paramref name="destination"/>; returns the length written.</summary>
    public static int Seal(AeadCipher cipher, Key key, Guid keyId, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        var headerLength = EnvelopeFormat.GetHeaderLength(cipher);
        var total = EnvelopeFormat.GetCiphertextLength(cipher, plaintext.Length);
        if (destination.Length < total)
        {
            throw new ArgumentException($"The destination is {destination.Length} bytes; {total} are needed (see EnvelopeFormat.GetCiphertextLength).", nameof(destination));
        }

        EnvelopeFormat.WriteHeader(destination, cipher, keyId);
        var nonce = destination.Slice(EnvelopeFormat.NonceOffset, headerLength - EnvelopeFormat.NonceOffset);
        RandomNumberGenerator.Fill(nonce);
        var header = destination[..headerLength];
        var body = destination[headerLength..total];
        if (context.IsEmpty)
        {
            Algorithm(cipher).Encrypt(key, nonce, header, plaintext, body);
            return total;
        }

        byte[]? rented = null;
        var adLength = headerLength + context.Length;
        var ad = adLength <= StackAssociatedData ? stackalloc byte[StackAssociatedData] : (rented = ArrayPool<byte>.Shared.Rent(adLength));
        try
        {
            header.CopyTo(ad);
            context.CopyTo(ad[headerLength..]);
            Algorithm(cipher).Encrypt(key, nonce, ad[..adLength], plaintext, body);
            return total;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Authenticates and decrypts; returns the plaintext length, or -1 (destination cleared) when authentication fails.</summary>
    public static int Open(in EnvelopeHeader header, Key key, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        var headerLength = header.HeaderLength;
        var plaintextLength = ciphertext.Length - headerLength - EnvelopeFormat.TagLength;
        if (destination.Length < plaintextLength)
        {
            throw new ArgumentException($"The destination is {destination.Length} bytes; {plaintextLength} are needed (see EnvelopeFormat.GetPlaintextLength).", nameof(destination));
        }

        var nonce = ciphertext.Slice(EnvelopeFormat.NonceOffset, headerLength - EnvelopeFormat.NonceOffset);
        var body = ciphertext[headerLength..];
        var output = destination[..plaintextLength];
        bool ok;
        if (context.IsEmpty)
        {
            ok = Algorithm(header.Cipher).Decrypt(key, nonce, ciphertext[..headerLength], body, output);
        }
        else
        {
            byte[]? rented = null;
            var adLength = headerLength + context.Length;
            var ad = adLength <= StackAssociatedData ? stackalloc byte[StackAssociatedData] : (rented = ArrayPool<byte>.Shared.Rent(adLength));
            try
            {
                ciphertext[..headerLength].CopyTo(ad);
                context.CopyTo(ad[headerLength..]);
                ok = Algorithm(header.Cipher).Decrypt(key, nonce, ad[..adLength], body, output);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        if (!ok)
        {
            CryptographicOperations.ZeroMemory(output);
            return -1;
        }

        return plaintextLength;
    }
}
