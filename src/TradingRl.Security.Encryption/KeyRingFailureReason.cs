namespace TradingRl.Security.Encryption;

/// <summary>Why the key ring could not be loaded or used.</summary>
public enum KeyRingFailureReason
{
    /// <summary>No key ring exists where one was expected, and creating one was not allowed.</summary>
    NotFound = 1,

    /// <summary>The key ring exists but cannot be parsed or its seal does not verify.</summary>
    Corrupt = 2,

    /// <summary>The key ring was sealed by another key-encryption key than the configured one.</summary>
    KeyEncryptionKeyMismatch = 3,

    /// <summary>The master key file is missing, malformed or readable by others than its owner.</summary>
    MasterKeyUnusable = 4,

    /// <summary>A key was used as often as the configured per-key bound allows and could not be rotated.</summary>
    UsageBoundReached = 5,

    /// <summary>The operation is not allowed on this key, e.g. revoking the only key or an unknown key id.</summary>
    InvalidOperation = 6,

    /// <summary>The key ring could not be read or written.</summary>
    StorageFailed = 7,
}
