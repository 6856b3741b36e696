namespace TradingRl.Security.Incidents;

/// <summary>Thrown when an incident store cannot read or write its data (I/O failure, corrupt file, concurrent writers).</summary>
public sealed class IncidentStoreException : IOException
{
    /// <summary>Initializes the exception.</summary>
    public IncidentStoreException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IncidentStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IncidentStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
