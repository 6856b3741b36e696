namespace TradingRl.Security.Compliance.Evidence;

/// <summary>How a metric's value is compared with its target threshold.</summary>
public enum TargetComparison
{
    /// <summary>The value must be strictly below the threshold (the seed's "&lt; 1%").</summary>
    LessThan = 0,

    /// <summary>The value must be at most the threshold (the seed's "0").</summary>
    AtMost = 1,

    /// <summary>The value must be at least the threshold (the seed's "100%").</summary>
    AtLeast = 2,

    /// <summary>The value must be strictly above the threshold (the seed's "&gt; 99").</summary>
    GreaterThan = 3,
}
