namespace TradingRl.Security.Compliance.Audit;

/// <summary>Selects audit records; every criterion set must match.</summary>
public sealed class AuditQuery
{
    /// <summary>Gets the earliest recording time, inclusive.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the latest recording time, exclusive.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets the actor, compared ordinally.</summary>
    public string? Actor { get; init; }

    /// <summary>Gets the event type, compared ordinally.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the correlation id, compared ordinally.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Gets the first sequence number to look at.</summary>
    /// <value>Default 0.</value>
    public long FromSequence { get; init; }

    /// <summary>Gets the most records returned.</summary>
    /// <value>Default 1,000; 1 to 1,000,000.</value>
    public int Limit { get; init; } = 1_000;
}
