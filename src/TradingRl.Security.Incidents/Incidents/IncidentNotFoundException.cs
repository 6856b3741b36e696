namespace TradingRl.Security.Incidents;

/// <summary>Thrown when no incident has the given id.</summary>
public sealed class IncidentNotFoundException : KeyNotFoundException
{
    /// <summary>Initializes the exception.</summary>
    public IncidentNotFoundException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IncidentNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IncidentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
