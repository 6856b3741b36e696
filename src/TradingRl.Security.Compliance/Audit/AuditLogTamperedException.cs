namespace TradingRl.Security.Compliance.Audit;

/// <summary>The stored audit log contradicts itself or a signed checkpoint: records were changed, removed or forged.</summary>
/// <remarks>Raised when opening a log for writing would otherwise build on altered history; run `trsec audit verify` for the first bad sequence number.</remarks>
public sealed class AuditLogTamperedException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public AuditLogTamperedException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public AuditLogTamperedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public AuditLogTamperedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the sequence number of the first record found bad, when it is known.</summary>
    public long? FirstBadSequence { get; init; }
}
