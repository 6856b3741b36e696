namespace TradingRl.Security.Incidents;

/// <summary>One level of an escalation policy: who is notified once an incident has stayed unacknowledged this long.</summary>
public sealed class EscalationLevel
{
    /// <summary>Gets or sets how long after opening (or reopening) without acknowledgement the level is reached.</summary>
    /// <value>0 (at opening) to 7 days. Reached when the time elapsed is at least this: a level at 5 minutes fires at 5:00, not at 4:59.</value>
    public TimeSpan After { get; set; }

    /// <summary>Gets or sets who is notified, e.g. <c>security-on-call</c>.</summary>
    public string Target { get; set; } = string.Empty;

    /// <summary>Gets the names of the notification channels to use; empty means every registered channel.</summary>
    public IList<string> Channels { get; } = [];
}
