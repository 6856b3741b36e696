namespace TradingRl.Security.Compliance;

/// <summary>The execution quality of one UTC day's fills, or of every fill since start, in total and per strategy, instrument and venue.</summary>
public sealed class BestExecutionStatistics
{
    /// <summary>Gets the aggregate over every fill.</summary>
    public required ExecutionQualityAggregate Total { get; init; }

    /// <summary>Gets the aggregates per strategy, ordered by key.</summary>
    public IReadOnlyList<ExecutionQualityAggregate> ByStrategy { get; init; } = [];

    /// <summary>Gets the aggregates per instrument, ordered by key.</summary>
    public IReadOnlyList<ExecutionQualityAggregate> ByInstrument { get; init; } = [];

    /// <summary>Gets the aggregates per venue, ordered by key.</summary>
    public IReadOnlyList<ExecutionQualityAggregate> ByVenue { get; init; } = [];

    /// <summary>Gets the fills ignored because their fill id had already been recorded.</summary>
    public long DuplicateFills { get; init; }

    /// <summary>Gets the outlier violations the event pipeline refused (closed or full); they were logged.</summary>
    public long UnpublishedViolations { get; init; }
}
