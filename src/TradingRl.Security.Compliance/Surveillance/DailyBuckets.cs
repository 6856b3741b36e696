using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance;

/// <summary>One mutable bucket per UTC day, the newest <c>retainedDays</c> days kept; not thread-safe (the owner's lock guards it).</summary>
internal sealed class DailyBuckets<T>(int retainedDays, Func<T> create)
    where T : class
{
    private readonly SortedDictionary<DateOnly, T> _days = [];
    private DateOnly _lastDay;
    private T? _last;

    public static DateOnly DayOf(long utcTicks) => DateOnly.FromDayNumber((int)(utcTicks / TimeSpan.TicksPerDay));

    public T For(DateOnly day)
    {
        if (_last is not null && day == _lastDay)
        {
            return _last;
        }

        if (!_days.TryGetValue(day, out var bucket))
        {
            bucket = create();
            _days.Add(day, bucket);
            while (_days.Count > retainedDays)
            {
                _days.Remove(_days.Keys.First());
            }
        }

        _lastDay = day;
        _last = _days.ContainsKey(day) ? bucket : null;
        return bucket;
    }

    public T? Find(DateOnly day) => _days.GetValueOrDefault(day);
}

/// <summary>Runs an options validator where a type is built outside DI, so a hand-made instance is refused as the host would refuse it.</summary>
internal static class ValidatedOptions
{
    public static TOptions Get<TOptions>(IOptions<TOptions> options, IValidateOptions<TOptions> validator)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var result = validator.Validate(null, value);
        return result.Failed ? throw new OptionsValidationException(typeof(TOptions).Name, typeof(TOptions), result.Failures) : value;
    }
}
