using System.Buffers;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace TradingRl.Security.Encryption;

/// <summary>Seals and opens envelope ciphertexts with a data key; the one place the format meets the primitive.</summary>
/// <remarks>
/// AES-256-GCM bodies of <see cref="PlatformAesGcmThreshold"/> bytes or more go through the platform's AES-GCM
/// (<see cref="System.Security.Cryptography.AesGcm"/>: OpenSSL on Linux, about 1.1x libsodium's speed at 1 MiB on the
/// benchmark machine, which is what reaching 0.9x of <c>openssl speed</c> takes); shorter ones, and XChaCha20-Poly1305, through NSec (libsodium),
/// whose per-call cost is lower. Both compute the same AES-256-GCM (NIST SP 800-38D) over the same nonce, associated data
/// and key, so the format does not change and either opens what the other sealed.
/// </remarks>
internal static class AeadCore
{
    /// <summary>The body length from which AES-256-GCM runs on the platform's implementation.</summary>
    public const int PlatformAesGcmThreshold = 32 * 1024;

    private const int StackAssociatedData = 256;

    private static readonly bool PlatformAesGcm = System.Security.Cryptography.AesGcm.IsSupported;

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
    public static int Seal(AeadCipher cipher, DataKey key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        var headerLength = EnvelopeFormat.GetHeaderLength(cipher);
        var total = EnvelopeFormat.GetCiphertextLength(cipher, plaintext.Length);
        if (destination.Length < total)
        {
            throw new ArgumentException($"The destination is {destination.Length} bytes; {total} are needed (see EnvelopeFormat.GetCiphertextLength).", nameof(destination));
        }

        EnvelopeFormat.WriteHeader(destination, cipher, key.Id);
        var nonce = destination.Slice(EnvelopeFormat.NonceOffset, headerLength - EnvelopeFormat.NonceOffset);
        RandomNumberGenerator.Fill(nonce);
        var header = destination[..headerLength];
        var body = destination[headerLength..total];
        if (context.IsEmpty)
        {
            Encrypt(cipher, key, nonce, header, plaintext, body);
            return total;
        }

        byte[]? rented = null;
        var adLength = headerLength + context.Length;
        var ad = adLength <= StackAssociatedData ? stackalloc byte[StackAssociatedData] : (rented = ArrayPool<byte>.Shared.Rent(adLength));
        try
        {
            header.CopyTo(ad);
            context.CopyTo(ad[headerLength..]);
            Encrypt(cipher, key, nonce, ad[..adLength], plaintext, body);
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
    public static int Open(in EnvelopeHeader header, DataKey key, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context, Span<byte> destination)
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
            ok = Decrypt(header.Cipher, key, nonce, ciphertext[..headerLength], body, output);
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
                ok = Decrypt(header.Cipher, key, nonce, ad[..adLength], body, output);
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

    private static void Encrypt(AeadCipher cipher, DataKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> body)
    {
        if (cipher == AeadCipher.Aes256Gcm && plaintext.Length >= PlatformAesGcmThreshold && PlatformAesGcm)
        {
            var aes = key.RentPlatformAesGcm();
            try
            {
                EncryptPlatform(aes, nonce, associatedData, plaintext, body);
            }
            finally
            {
                key.ReturnPlatformAesGcm(aes);
            }

            return;
        }

        Algorithm(cipher).Encrypt(key.GetKey(cipher), nonce, associatedData, plaintext, body);
    }

    private static bool Decrypt(AeadCipher cipher, DataKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> body, Span<byte> output)
    {
        if (cipher == AeadCipher.Aes256Gcm && body.Length - EnvelopeFormat.TagLength >= PlatformAesGcmThreshold && PlatformAesGcm)
        {
            var aes = key.RentPlatformAesGcm();
            try
            {
                return DecryptPlatform(aes, nonce, associatedData, body, output);
            }
            finally
            {
                key.ReturnPlatformAesGcm(aes);
            }
        }

        return Algorithm(cipher).Decrypt(key.GetKey(cipher), nonce, associatedData, body, output);
    }

    /// <summary>AES-256-GCM on the platform's implementation, laid out as NSec lays it out: ciphertext then the 16-byte tag.</summary>
    internal static void EncryptPlatform(System.Security.Cryptography.AesGcm aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, Span<byte> body) =>
        aes.Encrypt(nonce, plaintext, body[..plaintext.Length], body.Slice(plaintext.Length, EnvelopeFormat.TagLength), associatedData);

    /// <summary>Opens ciphertext-then-tag on the platform's AES-GCM; <see langword="false"/> (and nothing released) when authentication fails.</summary>
    internal static bool DecryptPlatform(System.Security.Cryptography.AesGcm aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> body, Span<byte> output)
    {
        var length = body.Length - EnvelopeFormat.TagLength;
        if (length < 0)
        {
            return false;
        }

        try
        {
            // The platform clears the output itself when the tag does not match.
            aes.Decrypt(nonce, body[..length], body[length..], output[..length], associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
