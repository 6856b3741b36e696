namespace TradingRl.Security.Compliance.Audit;

/// <summary>Reading or durably writing the audit log failed (I/O, disk full, locked by another process).</summary>
/// <remarks>An append that fails with it was not acknowledged and is not in the log.</remarks>
public sealed class AuditStoreException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public AuditStoreException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public AuditStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public AuditStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
