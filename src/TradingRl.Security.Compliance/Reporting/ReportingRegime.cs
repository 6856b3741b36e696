using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Compliance;

/// <summary>A trade-reporting regime's deadline: a fixed time after execution (e.g. 60 s), or a cut-off on the n-th business day after it (T+1).</summary>
/// <remarks>Set exactly one of <see cref="Deadline"/> and <see cref="BusinessDaysAfter"/>. Business days skip Saturday and Sunday; holidays are not known.</remarks>
public sealed class ReportingRegime
{
    /// <summary>Gets or sets the time after execution by which the report is due.</summary>
    /// <value>1 s to 7 days; <see langword="null"/> for a business-day regime.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan? Deadline { get; set; }

    /// <summary>Gets or sets the business day after the execution date (UTC) on which the report is due: 1 for T+1.</summary>
    /// <value>0 to 10; <see langword="null"/> for a fixed-time regime.</value>
    [Range(0, 10)]
    public int? BusinessDaysAfter { get; set; }

    /// <summary>Gets or sets the UTC time of day on the due business day by which the report is due.</summary>
    /// <value>Default 23:59:59; within one day.</value>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59.9999999")]
    public TimeSpan CutoffTimeUtc { get; set; } = new(23, 59, 59);

    /// <summary>Returns when a report of a trade executed at <paramref name="executionTime"/> is due.</summary>
    /// <param name="executionTime">The execution time.</param>
    /// <returns>The deadline, in UTC.</returns>
    /// <exception cref="InvalidOperationException">The regime sets neither or both of its deadline kinds.</exception>
    public DateTimeOffset DueBy(DateTimeOffset executionTime)
    {
        if (Deadline is { } d && BusinessDaysAfter is null)
        {
            return executionTime.ToUniversalTime() + d;
        }

        if (BusinessDaysAfter is { } n && Deadline is null)
        {
            var day = executionTime.UtcDateTime.Date;
            for (var i = 0; i < n;)
            {
                day = day.AddDays(1);
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    i++;
                }
            }

            return new DateTimeOffset(day + CutoffTimeUtc, TimeSpan.Zero);
        }

        throw new InvalidOperationException("A reporting regime sets exactly one of Deadline and BusinessDaysAfter.");
    }
}
