namespace TradingRl.Security.Compliance;

/// <summary>What an execution-quality aggregate groups fills by.</summary>
public enum ExecutionQualityDimension
{
    /// <summary>All fills together.</summary>
    Total = 0,

    /// <summary>Per strategy.</summary>
    Strategy = 1,

    /// <summary>Per instrument.</summary>
    Instrument = 2,

    /// <summary>Per venue.</summary>
    Venue = 3,
}
