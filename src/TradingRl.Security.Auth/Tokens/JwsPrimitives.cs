using System.Security.Cryptography;
using NSec.Cryptography;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>The signature checks the token validator runs; the Wycheproof vectors are run through these same calls.</summary>
internal static class JwsPrimitives
{
    public const int Hs256Size = 32;
    public const int Es256Size = 64;
    public const int EdDsaSize = 64;

    /// <summary>HMAC-SHA256 of <paramref name="data"/> through <see cref="HmacSha256Key"/> (the signing key's own path, kept
    /// inner and outer states), compared in constant time with the first <paramref name="tag"/>.Length bytes.</summary>
    public static bool VerifyHmacSha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> tag)
    {
        if (tag.Length is 0 or > Hs256Size)
        {
            return false;
        }

        using var hmac = new HmacSha256Key(key);
        Span<byte> mac = stackalloc byte[Hs256Size];
        var ok = hmac.TryCompute(data, mac) && CryptographicOperations.FixedTimeEquals(mac[..tag.Length], tag);
        CryptographicOperations.ZeroMemory(mac);
        return ok;
    }

    /// <summary>ECDSA P-256 SHA-256 verification; JWS uses the fixed 64-byte r||s form (RFC 7518 section 3.4).</summary>
    public static bool VerifyEcdsaP256(ECDsa key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, DSASignatureFormat format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
    {
        if (format == DSASignatureFormat.IeeeP1363FixedFieldConcatenation && signature.Length != Es256Size)
        {
            return false;
        }

        try
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, format);
        }
        catch (Exception ex) when (ex is CryptographicException or ObjectDisposedException)
        {
            // A malformed signature, or a key disposed (rotated out, ring disposed) under a running validation: fail closed.
            return false;
        }
    }

    /// <summary>Ed25519 verification through libsodium (NSec), which refuses non-canonical encodings and small-order points.</summary>
    public static bool VerifyEd25519(PublicKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == EdDsaSize && SignatureAlgorithm.Ed25519.Verify(key, data, signature);
}
