using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Authorization;

/// <summary>The default trading calendar: Monday to Friday, less <see cref="AuthorizationOptions.TradingHolidays"/>.</summary>
/// <remarks>Thread-safe and allocation-free.</remarks>
public sealed class WeekdayTradingCalendar : ITradingCalendar
{
    private readonly FrozenSet<DateOnly> _holidays;

    /// <summary>Initializes the calendar from the options' holidays.</summary>
    /// <param name="options">The authorization options.</param>
    public WeekdayTradingCalendar(IOptions<AuthorizationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _holidays = options.Value.TradingHolidays.ToFrozenSet();
    }

    /// <inheritdoc/>
    public bool IsTradingDay(DateOnly localDate) =>
        localDate.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(localDate);
}
