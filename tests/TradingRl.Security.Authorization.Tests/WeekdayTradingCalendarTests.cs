using Microsoft.Extensions.Options;

namespace TradingRl.Security.Authorization.Tests;

public sealed class WeekdayTradingCalendarTests
{
    [Theory]
    [InlineData(2026, 3, 6, true)]   // Friday
    [InlineData(2026, 3, 7, false)]  // Saturday
    [InlineData(2026, 3, 8, false)]  // Sunday
    [InlineData(2026, 3, 9, true)]   // Monday
    [InlineData(2026, 1, 1, false)]  // Thursday, a holiday
    public void IsTradingDay_WeekdaysLessHolidays(int year, int month, int day, bool expected)
    {
        var calendar = new WeekdayTradingCalendar(Options.Create(new AuthorizationOptions { TradingHolidays = [new DateOnly(2026, 1, 1)] }));
        Assert.Equal(expected, calendar.IsTradingDay(new DateOnly(year, month, day)));
    }

    [Fact]
    public void Constructor_NullOptions_Throws() => Assert.Throws<ArgumentNullException>(() => new WeekdayTradingCalendar(null!));
}
