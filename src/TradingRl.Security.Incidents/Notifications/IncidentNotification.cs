using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>What a notification channel delivers: the incident's headline facts and who should act.</summary>
/// <remarks>Carries no event properties or evidence values, only ids, the rule, the group key and counts.</remarks>
public sealed record IncidentNotification
{
    /// <summary>Gets why it is sent.</summary>
    public required IncidentNotificationKind Kind { get; init; }

    /// <summary>Gets the incident id.</summary>
    public required string IncidentId { get; init; }

    /// <summary>Gets the incident title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the incident severity.</summary>
    public required SecuritySeverity Severity { get; init; }

    /// <summary>Gets the incident state.</summary>
    public required IncidentStatus Status { get; init; }

    /// <summary>Gets the deduplication key (PagerDuty-style: a receiver groups notifications by it).</summary>
    public required string DedupKey { get; init; }

    /// <summary>Gets the escalation level, 1-based (1 is the notice at opening).</summary>
    public int Level { get; init; }

    /// <summary>Gets who should act.</summary>
    public required string Target { get; init; }

    /// <summary>Gets when the incident was opened.</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>Gets when the notification was made.</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>Gets how many alerts the incident holds.</summary>
    public int AlertCount { get; init; }

    /// <summary>Gets how many matching events the incident covers.</summary>
    public long EventCount { get; init; }
}
