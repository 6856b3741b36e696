namespace TradingRl.Security.Auth.Mfa;

/// <summary>The HMAC hash of a TOTP authenticator (RFC 6238 section 1.2).</summary>
public enum TotpAlgorithm
{
    /// <summary>HMAC-SHA1, the one every authenticator app supports.</summary>
    Sha1 = 0,

    /// <summary>HMAC-SHA256.</summary>
    Sha256 = 1,

    /// <summary>HMAC-SHA512.</summary>
    Sha512 = 2,
}
