namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The outcome of one scorecard metric against its target.</summary>
public enum ScorecardStatus
{
    /// <summary>The suite could not measure the metric (no data, or outside what the suite sees); never counted as a pass.</summary>
    NotMeasured = 0,

    /// <summary>The value meets the target.</summary>
    Pass = 1,

    /// <summary>The value misses the target.</summary>
    Fail = 2,
}
