namespace TradingRl.Security.Compliance.Audit;

/// <summary>The audit log's signing key is missing, unreadable or unsafely stored.</summary>
/// <remarks>The message never holds key material.</remarks>
public sealed class AuditSigningKeyException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public AuditSigningKeyException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public AuditSigningKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public AuditSigningKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
