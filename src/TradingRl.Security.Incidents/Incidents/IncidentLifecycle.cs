namespace TradingRl.Security.Incidents;

/// <summary>The legal life-cycle moves of an incident.</summary>
public static class IncidentLifecycle
{
    private static readonly IncidentStatus[][] Next =
    [
        [IncidentStatus.Acknowledged],                              // Identified
        [IncidentStatus.Contained, IncidentStatus.Resolved],        // Acknowledged (resolve directly: false or benign positive)
        [IncidentStatus.Eradicated],                                // Contained
        [IncidentStatus.Recovered],                                 // Eradicated
        [IncidentStatus.Resolved],                                  // Recovered
        [IncidentStatus.Closed, IncidentStatus.Acknowledged],       // Resolved (Acknowledged = reopened by a person)
        [],                                                         // Closed: final
    ];

    /// <summary>Returns the states an incident may move to from <paramref name="from"/>.</summary>
    /// <param name="from">The current state.</param>
    /// <returns>The allowed next states; empty for <see cref="IncidentStatus.Closed"/>.</returns>
    public static IReadOnlyList<IncidentStatus> AllowedNext(IncidentStatus from) =>
        Enum.IsDefined(from) ? Next[(int)from] : throw new ArgumentOutOfRangeException(nameof(from), from, "Unknown incident status.");

    /// <summary>Tells whether moving from one state to another is legal.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="to">The requested state.</param>
    /// <returns><see langword="true"/> when legal.</returns>
    public static bool CanMove(IncidentStatus from, IncidentStatus to) => AllowedNext(from).Contains(to);

    internal static void ThrowIfIllegal(Incident incident, IncidentStatus to)
    {
        if (!Enum.IsDefined(to))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "Unknown incident status.");
        }

        var from = incident.Status;
        if (from == IncidentStatus.Closed)
        {
            throw new IncidentTransitionException(incident.Id, from, to, "a closed incident is final; a new alert with its key opens a new incident.");
        }

        if (!CanMove(from, to))
        {
            var allowed = AllowedNext(from);
            throw new IncidentTransitionException(incident.Id, from, to, $"from {from} the allowed next states are {string.Join(" or ", allowed)}.");
        }
    }
}
