namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The unit of a metric's value and threshold.</summary>
public enum ScorecardUnit
{
    /// <summary>A fraction from 0 to 1, shown as a percentage.</summary>
    Ratio = 0,

    /// <summary>A number of records.</summary>
    Count = 1,

    /// <summary>A duration in minutes.</summary>
    Minutes = 2,
}
