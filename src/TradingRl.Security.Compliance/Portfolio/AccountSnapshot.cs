namespace TradingRl.Security.Compliance;

/// <summary>A point-in-time copy of one account's P&amp;L against its start-of-day NAV.</summary>
/// <param name="Account">The account.</param>
/// <param name="StartOfDayNav">The start-of-day NAV.</param>
/// <param name="RealisedPnl">P&amp;L realised today over every instrument.</param>
/// <param name="UnrealisedPnl">Today's change in unrealised P&amp;L over every position, at the latest marks; <see langword="null"/> when a held instrument has no mark.</param>
/// <param name="OpenOrders">The number of resting orders.</param>
/// <param name="DailyLossLimitReached">Whether the daily loss reached its limit today, switching the account to reduce-only.</param>
public readonly record struct AccountSnapshot(
    string Account,
    decimal StartOfDayNav,
    decimal RealisedPnl,
    decimal? UnrealisedPnl,
    int OpenOrders,
    bool DailyLossLimitReached)
{
    /// <summary>Gets today's P&amp;L, realised plus unrealised; <see langword="null"/> when unrealised P&amp;L is unknown.</summary>
    public decimal? DailyPnl => UnrealisedPnl is { } u ? RealisedPnl + u : null;

    /// <summary>Gets the current NAV: start-of-day NAV plus today's P&amp;L; <see langword="null"/> when unknown.</summary>
    public decimal? Nav => DailyPnl is { } p ? StartOfDayNav + p : null;
}
