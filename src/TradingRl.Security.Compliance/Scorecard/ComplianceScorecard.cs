namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The seed's section 9 scorecard for one period, computed from the audit trail.</summary>
/// <remarks>Immutable. The period is by the audit trail's recording time: records with <c>from &lt;= recorded_at &lt; to</c>.</remarks>
public sealed class ComplianceScorecard
{
    /// <summary>Initializes a scorecard.</summary>
    /// <param name="from">The period start, inclusive.</param>
    /// <param name="to">The period end, exclusive.</param>
    /// <param name="generatedAt">When it was computed.</param>
    /// <param name="recordCount">How many audit records fell in the period.</param>
    /// <param name="firstSequence">The first audit sequence number in the period, when any.</param>
    /// <param name="lastSequence">The last audit sequence number in the period, when any.</param>
    /// <param name="metrics">The metrics, in the seed's order.</param>
    public ComplianceScorecard(DateTimeOffset from, DateTimeOffset to, DateTimeOffset generatedAt, long recordCount, long? firstSequence, long? lastSequence, IReadOnlyList<ScorecardMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        From = from;
        To = to;
        GeneratedAt = generatedAt;
        RecordCount = recordCount;
        FirstSequence = firstSequence;
        LastSequence = lastSequence;
        Metrics = metrics;
    }

    /// <summary>Gets the period start, inclusive.</summary>
    public DateTimeOffset From { get; }

    /// <summary>Gets the period end, exclusive.</summary>
    public DateTimeOffset To { get; }

    /// <summary>Gets when the scorecard was computed.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>Gets how many audit records fell in the period.</summary>
    public long RecordCount { get; }

    /// <summary>Gets the first audit sequence number in the period, when any.</summary>
    public long? FirstSequence { get; }

    /// <summary>Gets the last audit sequence number in the period, when any.</summary>
    public long? LastSequence { get; }

    /// <summary>Gets the metrics, in the seed's order.</summary>
    public IReadOnlyList<ScorecardMetric> Metrics { get; }

    /// <summary>Gets how many metrics pass.</summary>
    public int Passed => Metrics.Count(m => m.Status == ScorecardStatus.Pass);

    /// <summary>Gets how many metrics fail.</summary>
    public int Failed => Metrics.Count(m => m.Status == ScorecardStatus.Fail);

    /// <summary>Gets how many metrics were not measured.</summary>
    public int NotMeasured => Metrics.Count(m => m.Status == ScorecardStatus.NotMeasured);

    /// <summary>Finds a metric by id.</summary>
    /// <param name="id">The id (see <see cref="ScorecardMetricIds"/>).</param>
    /// <returns>The metric.</returns>
    /// <exception cref="KeyNotFoundException">No metric has that id.</exception>
    public ScorecardMetric this[string id] => Metrics.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"The scorecard has no metric '{id}'; see ScorecardMetricIds for the ids.");
}
