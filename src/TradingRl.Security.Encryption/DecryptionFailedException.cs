using System.Security.Cryptography;

namespace TradingRl.Security.Encryption;

/// <summary>A ciphertext was refused: tampered with, under a wrong, unknown, revoked or erased key, with another context, or malformed.</summary>
/// <remarks>No plaintext is released when this is thrown: output buffers are cleared. The message names the reason and the key id, never data or keys.</remarks>
public sealed class DecryptionFailedException : CryptographicException
{
    /// <summary>Initializes the exception.</summary>
    public DecryptionFailedException()
        : this(DecryptionFailureReason.Malformed, "The ciphertext was refused.")
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public DecryptionFailedException(string message)
        : this(DecryptionFailureReason.Malformed, message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public DecryptionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = DecryptionFailureReason.Malformed;
    }

    /// <summary>Initializes the exception with a reason.</summary>
    /// <param name="reason">Why the ciphertext was refused.</param>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="keyId">The key id the ciphertext names, when it could be read.</param>
    public DecryptionFailedException(DecryptionFailureReason reason, string message, Guid? keyId = null)
        : base(message)
    {
        Reason = reason;
        KeyId = keyId;
    }

    /// <summary>Gets why the ciphertext was refused.</summary>
    public DecryptionFailureReason Reason { get; }

    /// <summary>Gets the key id the ciphertext names, when it could be read.</summary>
    public Guid? KeyId { get; }
}
