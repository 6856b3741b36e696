namespace TradingRl.Security.Encryption;

/// <summary>Why a ciphertext was refused.</summary>
public enum DecryptionFailureReason
{
    /// <summary>The data is too short or its layout is not the documented format.</summary>
    Malformed = 1,

    /// <summary>The format version byte is not one this library reads.</summary>
    UnsupportedVersion = 2,

    /// <summary>The algorithm byte is unknown, or the algorithm is not available on this machine.</summary>
    UnsupportedAlgorithm = 3,

    /// <summary>The key id names no key of the ring (a wrong key, or data from another ring).</summary>
    UnknownKey = 4,

    /// <summary>The key was revoked; data under it is no longer decrypted.</summary>
    RevokedKey = 5,

    /// <summary>Authentication failed: the data, its header or the context differ from what was encrypted.</summary>
    AuthenticationFailed = 6,

    /// <summary>The data subject's key was erased (crypto-shredding); the data can never be decrypted again.</summary>
    SubjectErased = 7,

    /// <summary>A stream ended early, or segments were dropped, reordered, duplicated or appended.</summary>
    StreamTampered = 8,
}
