namespace TradingRl.Security.Auth.Tokens;

/// <summary>Why an access token was refused.</summary>
public enum TokenRejectionReason
{
    /// <summary>The token was accepted.</summary>
    None = 0,

    /// <summary>Not three canonical base64url segments of JSON objects, a member appears twice, or a value has the wrong JSON type.</summary>
    Malformed = 1,

    /// <summary>Longer than <see cref="AccessTokenOptions.MaxTokenBytes"/>; refused before parsing.</summary>
    Oversized = 2,

    /// <summary>The <c>alg</c> is missing, <c>none</c>, or not one the suite signs with.</summary>
    UnsupportedAlgorithm = 3,

    /// <summary>The <c>kid</c> is missing or names no key of the ring.</summary>
    UnknownKey = 4,

    /// <summary>The <c>alg</c> differs from the algorithm bound to the key the <c>kid</c> names (key confusion).</summary>
    KeyAlgorithmMismatch = 5,

    /// <summary>A header parameter that must be understood (<c>crit</c>, <c>zip</c>, <c>enc</c>, <c>cty</c>) is present.</summary>
    UnsupportedHeader = 6,

    /// <summary>The header carries or points at a key (<c>jwk</c>, <c>jku</c>, <c>x5c</c>, <c>x5u</c>, <c>x5t</c>); keys come only from the ring.</summary>
    EmbeddedKey = 7,

    /// <summary>The <c>typ</c> is not <c>at+jwt</c>: another kind of token was substituted.</summary>
    WrongType = 8,

    /// <summary>The signature does not verify.</summary>
    InvalidSignature = 9,

    /// <summary>A required claim (<c>sub</c>, <c>sid</c>, <c>jti</c>, <c>iat</c>, <c>exp</c>) is missing or has the wrong JSON type.</summary>
    InvalidClaims = 10,

    /// <summary>The <c>iss</c> is not the configured issuer.</summary>
    WrongIssuer = 11,

    /// <summary>The <c>aud</c> does not contain the configured audience.</summary>
    WrongAudience = 12,

    /// <summary>The token has expired.</summary>
    Expired = 13,

    /// <summary>The token is not valid yet (<c>nbf</c> or <c>iat</c> in the future).</summary>
    NotYetValid = 14,

    /// <summary>The token's lifetime (<c>exp</c> - <c>iat</c>) is longer than the policy allows.</summary>
    LifetimeTooLong = 15,

    /// <summary>The session was revoked or has ended, or the token predates the user's last password or role change.</summary>
    Revoked = 16,
}
