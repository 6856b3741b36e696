namespace TradingRl.Security.Authorization;

/// <summary>Tells which local dates are trading days, for rules with a trading-day condition.</summary>
/// <remarks>Implementations must be thread-safe; an exception makes the condition unevaluable (a permit does not match, a forbid denies).</remarks>
public interface ITradingCalendar
{
    /// <summary>Tells whether a date is a trading day.</summary>
    /// <param name="localDate">The local date in the rule's time zone.</param>
    /// <returns><see langword="true"/> for a trading day.</returns>
    bool IsTradingDay(DateOnly localDate);
}
