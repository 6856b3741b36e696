namespace TradingRl.Security.Sample.Dashboard;

/// <summary>An incident on the dashboard: how long it took to acknowledge, against its response-time target.</summary>
/// <param name="Id">The incident id.</param>
/// <param name="Title">The incident's title.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="TimeToAcknowledge">From opening to acknowledgement.</param>
/// <param name="Target">The time-to-acknowledge target for its severity.</param>
public readonly record struct IncidentPoint(string Id, string Title, string Severity, TimeSpan TimeToAcknowledge, TimeSpan Target)
{
    /// <summary>Gets a value indicating whether the target was met (acknowledged in less than it).</summary>
    public bool Met => TimeToAcknowledge < Target;
}
