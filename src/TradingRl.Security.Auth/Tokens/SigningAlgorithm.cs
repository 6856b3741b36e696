namespace TradingRl.Security.Auth.Tokens;

/// <summary>The JWS algorithms access tokens may be signed with.</summary>
public enum SigningAlgorithm
{
    /// <summary>ECDSA with P-256 and SHA-256 (RFC 7518 section 3.4).</summary>
    ES256 = 0,

    /// <summary>HMAC with SHA-256 and a key of at least 256 bits (RFC 7518 section 3.2).</summary>
    HS256 = 1,

    /// <summary>Ed25519 (RFC 8037).</summary>
    EdDSA = 2,
}
