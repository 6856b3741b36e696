namespace TradingRl.Security.Compliance.Evidence;

/// <summary>One metric of the scorecard: its target, its value for the period, pass or fail, and the query that produced it.</summary>
/// <remarks>Immutable. <see cref="Query"/> names the event types, outcomes and property filters of the numerator and denominator, so an auditor can recompute the value from the audit records.</remarks>
public sealed class ScorecardMetric
{
    /// <summary>Initializes a metric result.</summary>
    /// <param name="id">The stable id, e.g. <c>auth.failed_login_rate</c> (see <see cref="ScorecardMetricIds"/>).</param>
    /// <param name="name">The seed's name for it.</param>
    /// <param name="section">The seed section, e.g. <c>9.1 Authentication</c>.</param>
    /// <param name="target">The target.</param>
    /// <param name="status">Pass, fail or not measured.</param>
    /// <param name="value">The value in the target's unit; <see langword="null"/> when not measured.</param>
    /// <param name="numerator">The numerator count, when the metric is a ratio or a count.</param>
    /// <param name="denominator">The denominator count, when the metric is a ratio.</param>
    /// <param name="query">The exact definition that produced the value.</param>
    /// <param name="reason">Why it was not measured, or a note on the value; <see langword="null"/> when none.</param>
    public ScorecardMetric(string id, string name, string section, ScorecardTarget target, ScorecardStatus status, double? value, long? numerator, long? denominator, string query, string? reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(section);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(query);
        if (status == ScorecardStatus.NotMeasured ? value is not null || reason is null : value is null)
        {
            throw new ArgumentException("A measured metric needs a value; a metric not measured has no value and needs a reason.", nameof(status));
        }

        Id = id;
        Name = name;
        Section = section;
        Target = target;
        Status = status;
        Value = value;
        Numerator = numerator;
        Denominator = denominator;
        Query = query;
        Reason = reason;
    }

    /// <summary>Gets the stable id.</summary>
    public string Id { get; }

    /// <summary>Gets the seed's name.</summary>
    public string Name { get; }

    /// <summary>Gets the seed section.</summary>
    public string Section { get; }

    /// <summary>Gets the target.</summary>
    public ScorecardTarget Target { get; }

    /// <summary>Gets pass, fail or not measured.</summary>
    public ScorecardStatus Status { get; }

    /// <summary>Gets the value in the target's unit; <see langword="null"/> when not measured.</summary>
    public double? Value { get; }

    /// <summary>Gets the numerator count, when there is one.</summary>
    public long? Numerator { get; }

    /// <summary>Gets the denominator count, when there is one.</summary>
    public long? Denominator { get; }

    /// <summary>Gets the exact definition that produced the value ("the query").</summary>
    public string Query { get; }

    /// <summary>Gets why the metric was not measured, or a note on the value.</summary>
    public string? Reason { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} {Status} {(Value is { } v ? Target.Format(v) : "-")} (target {Target})";
}
