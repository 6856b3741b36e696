using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using NSec.Cryptography;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>One access-token signing key: its id (<c>kid</c>), the one algorithm it is bound to, and when it was made.</summary>
/// <remarks>Thread-safe. The private part never leaves the object; <see cref="SigningKeyRing.ExportJwks"/> exports public keys only.</remarks>
public sealed class SigningKey : IDisposable
{
    /// <summary>The fewest bytes an HS256 secret may have (RFC 7518 section 3.2: at least the hash size).</summary>
    public const int MinimumHmacSecretBytes = 32;


    private static readonly byte[] FleetSalt = "TradingRl.Security.Auth fleet access-token signing keys"u8.ToArray();

    // The order n of the P-256 group (FIPS 186-5 / SEC 2).
    private static readonly System.Numerics.BigInteger P256Order = System.Numerics.BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private readonly byte[]? _hmacSecret;
    private readonly ECDsa? _ecdsa;
    private readonly Key? _ed25519;
    private readonly NSec.Cryptography.PublicKey? _ed25519Public;

    // The keyed HMAC (inner and outer states kept), owned by the key and zeroed when the key is disposed.
    private readonly HmacSha256Key? _hmac;

    private SigningKey(string kid, SigningAlgorithm algorithm, DateTimeOffset createdAt, byte[]? hmacSecret, ECDsa? ecdsa, Key? ed25519)
    {
        Kid = kid;
        Algorithm = algorithm;
        CreatedAt = createdAt;
        _hmacSecret = hmacSecret;
        _ecdsa = ecdsa;
        _ed25519 = ed25519;
        _ed25519Public = ed25519?.PublicKey;
        _hmac = hmacSecret is null ? null : new HmacSha256Key(hmacSecret);
        SecurityKey = algorithm switch
        {
            SigningAlgorithm.HS256 => new SymmetricSecurityKey(hmacSecret) { KeyId = kid },
            SigningAlgorithm.ES256 => new ECDsaSecurityKey(ecdsa) { KeyId = kid },
            _ => new Ed25519SecurityKey(_ed25519Public!, ed25519, kid),
        };

        // IdentityModel's default factory caches signature providers process-wide by key id and thumbprint: two SigningKey
        // objects with the same material (fleet keys derived on two rings in one process) would share a provider, and
        // disposing one would break the other. This key's providers are its own.
        if (algorithm == SigningAlgorithm.EdDSA)
        {
            SecurityKey.CryptoProviderFactory.CacheSignatureProviders = false; // already the key's own factory (its custom provider)
        }
        else
        {
            SecurityKey.CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false };
        }
        JwsAlgorithm = AlgorithmName(algorithm);
    }

    /// <summary>Gets the key id, written as the token header's <c>kid</c>.</summary>
    public string Kid { get; }

    /// <summary>Gets the one algorithm this key signs and verifies with.</summary>
    public SigningAlgorithm Algorithm { get; }

    /// <summary>Gets when the key was made.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets the key as Microsoft.IdentityModel sees it, for interoperation with <c>JsonWebTokenHandler</c>.</summary>
    public SecurityKey SecurityKey { get; }

    /// <summary>Gets the JWS <c>alg</c> name of <see cref="Algorithm"/>.</summary>
    internal string JwsAlgorithm { get; }

    /// <summary>Makes a new random key.</summary>
    /// <param name="algorithm">The algorithm the key is bound to.</param>
    /// <param name="createdAt">When it is made.</param>
    /// <returns>The key, with a random <c>kid</c>.</returns>
    public static SigningKey Generate(SigningAlgorithm algorithm, DateTimeOffset createdAt)
    {
        var kid = Base64UrlEncode(RandomNumberGenerator.GetBytes(12));
        return algorithm switch
        {
            SigningAlgorithm.HS256 => new SigningKey(kid, algorithm, createdAt, RandomNumberGenerator.GetBytes(MinimumHmacSecretBytes), null, null),
            SigningAlgorithm.ES256 => new SigningKey(kid, algorithm, createdAt, null, ECDsa.Create(ECCurve.NamedCurves.nistP256), null),
            SigningAlgorithm.EdDSA => new SigningKey(kid, algorithm, createdAt, null, null, Key.Create(SignatureAlgorithm.Ed25519)),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown signing algorithm."),
        };
    }

    /// <summary>Makes an HS256 key from a shared secret.</summary>
    /// <param name="kid">The key id: 1 to 64 characters of <c>A-Z a-z 0-9 - _</c>.</param>
    /// <param name="secret">The secret; at least <see cref="MinimumHmacSecretBytes"/> bytes. It is copied.</param>
    /// <param name="createdAt">When it took effect.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The kid is malformed or the secret shorter than 256 bits.</exception>
    public static SigningKey FromHmacSecret(string kid, ReadOnlySpan<byte> secret, DateTimeOffset createdAt)
    {
        CheckKid(kid);
        if (secret.Length < MinimumHmacSecretBytes)
        {
            throw new ArgumentException($"An HS256 secret must be at least {MinimumHmacSecretBytes} bytes (256 bits); shorter secrets can be brute-forced from one token.", nameof(secret));
        }

        return new SigningKey(kid, SigningAlgorithm.HS256, createdAt, secret.ToArray(), null, null);
    }

    /// <summary>Makes an ES256 key from a P-256 key pair.</summary>
    /// <param name="kid">The key id: 1 to 64 characters of <c>A-Z a-z 0-9 - _</c>.</param>
    /// <param name="key">The P-256 key; ownership passes to the signing key.</param>
    /// <param name="createdAt">When it took effect.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The kid is malformed or the key is not on P-256.</exception>
    public static SigningKey FromECDsa(string kid, ECDsa key, DateTimeOffset createdAt)
    {
        CheckKid(kid);
        ArgumentNullException.ThrowIfNull(key);
        var p = key.ExportParameters(false);
        if (!p.Curve.IsNamed || p.Curve.Oid.Value != "1.2.840.10045.3.1.7")
        {
            throw new ArgumentException("An ES256 key must be on the P-256 curve.", nameof(key));
        }

        return new SigningKey(kid, SigningAlgorithm.ES256, createdAt, null, key, null);
    }

    /// <summary>Derives the fleet's signing key of one rotation epoch from the shared fleet secret: every host derives the same key.</summary>
    /// <param name="algorithm">The algorithm the key is bound to.</param>
    /// <param name="fleetSecret">The shared secret (at least <see cref="MinimumHmacSecretBytes"/> bytes).</param>
    /// <param name="epoch">The rotation epoch: whole <see cref="AccessTokenOptions.KeyRotationInterval"/>s since the Unix epoch.</param>
    /// <param name="createdAt">When the epoch starts.</param>
    /// <returns>The key; its kid names the epoch and a digest that reveals nothing of the secret.</returns>
    /// <remarks>
    /// HKDF-SHA256 (RFC 5869) with the algorithm and the epoch in <c>info</c>, so keys of different epochs and algorithms are
    /// independent. HS256 takes 32 bytes as the secret, EdDSA 32 bytes as the Ed25519 seed, ES256 a P-256 scalar from 48
    /// bytes reduced modulo n - 1, plus 1 (FIPS 186-5 A.2.1, no bias worth the name).
    /// </remarks>
    internal static SigningKey DeriveFleetKey(SigningAlgorithm algorithm, ReadOnlySpan<byte> fleetSecret, long epoch, DateTimeOffset createdAt)
    {
        var label = AlgorithmName(algorithm) + "|" + epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Span<byte> kidBytes = stackalloc byte[12];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, fleetSecret, kidBytes, FleetSalt, System.Text.Encoding.ASCII.GetBytes("kid|" + label));
        var kid = "f" + epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Base64UrlEncode(kidBytes);
        var material = new byte[48];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, fleetSecret, material, FleetSalt, System.Text.Encoding.ASCII.GetBytes("key|" + label));
            switch (algorithm)
            {
                case SigningAlgorithm.HS256:
                    return FromHmacSecret(kid, material.AsSpan(0, MinimumHmacSecretBytes), createdAt);
                case SigningAlgorithm.EdDSA:
                    var ed = Key.Import(SignatureAlgorithm.Ed25519, material.AsSpan(0, 32), KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
                    return new SigningKey(kid, algorithm, createdAt, null, null, ed);
                case SigningAlgorithm.ES256:
                    var d = (new System.Numerics.BigInteger(material, isUnsigned: true, isBigEndian: true) % (P256Order - 1)) + 1;
                    var scalar = new byte[32];
                    try
                    {
                        var written = d.GetByteCount(isUnsigned: true);
                        _ = d.TryWriteBytes(scalar.AsSpan(32 - written), out _, isUnsigned: true, isBigEndian: true);
                        var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
                        return new SigningKey(kid, algorithm, createdAt, null, ecdsa, null);
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(scalar);
                    }

                default:
                    throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown signing algorithm.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _hmac?.Dispose();
        _ecdsa?.Dispose();
        _ed25519?.Dispose();
        if (_hmacSecret is not null)
        {
            CryptographicOperations.ZeroMemory(_hmacSecret);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"SigningKey({Kid}, {Algorithm})";

    internal static string AlgorithmName(SigningAlgorithm algorithm) => algorithm switch
    {
        SigningAlgorithm.HS256 => "HS256",
        SigningAlgorithm.ES256 => "ES256",
        _ => "EdDSA",
    };

    internal bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) => Algorithm switch
    {
        // A MAC tag must be full length here: a truncated tag is a forgery aid, not a variant.
        SigningAlgorithm.HS256 => _hmac!.Verify(signingInput, signature),
        SigningAlgorithm.ES256 => JwsPrimitives.VerifyEcdsaP256(_ecdsa!, signingInput, signature),
        _ => JwsPrimitives.VerifyEd25519(_ed25519Public!, signingInput, signature),
    };

    /// <summary>Signs a JWS signing input with this key (used by tests to craft tokens byte by byte).</summary>
    internal byte[] Sign(ReadOnlySpan<byte> signingInput) => Algorithm switch
    {
        SigningAlgorithm.HS256 => HMACSHA256.HashData(_hmacSecret, signingInput),
        SigningAlgorithm.ES256 => _ecdsa!.SignData(signingInput, HashAlgorithmName.SHA256),
        _ => SignatureAlgorithm.Ed25519.Sign(_ed25519!, signingInput),
    };

    /// <summary>Writes the public JWK (RFC 7517), or nothing for a symmetric key.</summary>
    internal void WritePublicJwk(Utf8JsonWriter writer)
    {
        if (Algorithm == SigningAlgorithm.HS256)
        {
            return;
        }

        writer.WriteStartObject();
        if (Algorithm == SigningAlgorithm.ES256)
        {
            var p = _ecdsa!.ExportParameters(false);
            writer.WriteString("kty", "EC");
            writer.WriteString("crv", "P-256");
            writer.WriteString("x", Base64UrlEncode(p.Q.X!));
            writer.WriteString("y", Base64UrlEncode(p.Q.Y!));
        }
        else
        {
            writer.WriteString("kty", "OKP");
            writer.WriteString("crv", "Ed25519");
            writer.WriteString("x", Base64UrlEncode(_ed25519Public!.Export(KeyBlobFormat.RawPublicKey)));
        }

        writer.WriteString("kid", Kid);
        writer.WriteString("use", "sig");
        writer.WriteString("alg", JwsAlgorithm);
        writer.WriteEndObject();
    }

    internal static string Base64UrlEncode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static void CheckKid(string kid)
    {
        ArgumentNullException.ThrowIfNull(kid);
        if (kid.Length is 0 or > 64 || !kid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("A kid is 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'.", nameof(kid));
        }
    }
}
