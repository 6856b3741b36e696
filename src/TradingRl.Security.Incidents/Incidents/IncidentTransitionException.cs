namespace TradingRl.Security.Incidents;

/// <summary>Thrown when a life-cycle change is not legal from the incident's current state.</summary>
public sealed class IncidentTransitionException : InvalidOperationException
{
    /// <summary>Initializes the exception.</summary>
    public IncidentTransitionException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IncidentTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IncidentTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the exception for a refused move.</summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="from">Its current state.</param>
    /// <param name="to">The requested state.</param>
    /// <param name="why">Why it is refused and what to do instead.</param>
    public IncidentTransitionException(string incidentId, IncidentStatus from, IncidentStatus to, string why)
        : base($"Incident {incidentId} cannot move from {from} to {to}: {why}")
    {
        IncidentId = incidentId;
        From = from;
        To = to;
    }

    /// <summary>Gets the incident id.</summary>
    public string? IncidentId { get; }

    /// <summary>Gets the state the incident is in.</summary>
    public IncidentStatus From { get; }

    /// <summary>Gets the state that was requested.</summary>
    public IncidentStatus To { get; }
}
