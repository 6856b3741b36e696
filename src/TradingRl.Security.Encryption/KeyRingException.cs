using System.Security.Cryptography;

namespace TradingRl.Security.Encryption;

/// <summary>The key ring could not be loaded, saved or changed: missing, corrupt, sealed by another key-encryption key, or misused.</summary>
/// <remarks>A missing or corrupt ring is never replaced by a new one: the message says how to restore it or how to create a first ring.</remarks>
public sealed class KeyRingException : CryptographicException
{
    /// <summary>Initializes the exception.</summary>
    public KeyRingException()
        : this(KeyRingFailureReason.Corrupt, "The key ring could not be used.")
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public KeyRingException(string message)
        : this(KeyRingFailureReason.Corrupt, message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public KeyRingException(string message, Exception innerException)
        : this(KeyRingFailureReason.Corrupt, message, innerException)
    {
    }

    /// <summary>Initializes the exception with a reason.</summary>
    /// <param name="reason">Why the key ring could not be used.</param>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public KeyRingException(KeyRingFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Gets why the key ring could not be used.</summary>
    public KeyRingFailureReason Reason { get; }
}
