namespace TradingRl.Security.Compliance;

/// <summary>Whether a scope (the host, an account or a strategy) may trade; the most restrictive of the three applies to an order.</summary>
public enum TradingState
{
    /// <summary>Orders are checked by every control.</summary>
    Active = 0,

    /// <summary>Only orders that reduce the position are allowed.</summary>
    ReduceOnly = 1,

    /// <summary>No new orders are allowed; cancels still are.</summary>
    Halted = 2,
}
