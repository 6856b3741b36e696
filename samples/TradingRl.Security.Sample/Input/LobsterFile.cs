using System.Globalization;

namespace TradingRl.Security.Sample.Input;

/// <summary>Reads LOBSTER message files (no header; time, type, order id, size, price x 10,000, direction).</summary>
/// <remarks>Times are seconds after midnight New York time on <see cref="TradingDay"/>.</remarks>
public static class LobsterFile
{
    /// <summary>Gets the trading day of the shipped NASDAQ sample (21 June 2012).</summary>
    public static DateOnly TradingDay { get; } = new(2012, 6, 21);

    /// <summary>Reads and validates the whole file before anything is replayed.</summary>
    /// <exception cref="InputFormatException">A row is malformed.</exception>
    public static IReadOnlyList<LobsterMessage> Read(string path, DateOnly? day = null)
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var midnight = (day ?? TradingDay).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var offset = newYork.GetUtcOffset(midnight.AddHours(12));
        var midnightUtc = new DateTimeOffset(midnight, offset).ToUniversalTime();

        var messages = new List<LobsterMessage>();
        long line = 0;
        decimal previous = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            var parts = text.Split(',');
            if (parts.Length != 6)
            {
                throw new InputFormatException(path, line, $"expected 6 comma-separated columns (time, type, order id, size, price, direction), found {parts.Length}");
            }

            if (!decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds >= 86_400)
            {
                throw new InputFormatException(path, line, "column 1 (time) is not seconds after midnight (0 to 86,400)");
            }

            if (seconds < previous)
            {
                throw new InputFormatException(path, line, "column 1 (time) goes back in time");
            }

            previous = seconds;
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var type) || type is < 1 or > 7)
            {
                throw new InputFormatException(path, line, "column 2 (event type) is not 1 to 7");
            }

            if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new InputFormatException(path, line, "column 3 (order id) is not a non-negative integer");
            }

            if (!long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || (size == 0 && type != 7))
            {
                throw new InputFormatException(path, line, "column 4 (size) is not a positive integer");
            }

            if (!long.TryParse(parts[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var price))
            {
                throw new InputFormatException(path, line, "column 5 (price x 10,000) is not an integer");
            }

            if (type is >= 1 and <= 5 && price <= 0)
            {
                throw new InputFormatException(path, line, "column 5 (price) must be positive for an order event");
            }

            if (!int.TryParse(parts[5], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var direction) || direction is not (1 or -1))
            {
                throw new InputFormatException(path, line, "column 6 (direction) is not 1 or -1");
            }

            var time = midnightUtc + TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
            messages.Add(new LobsterMessage(time, type, id, size, price / 10_000m, direction));
        }

        if (messages.Count == 0)
        {
            throw new InputFormatException(path, 1, "the file holds no messages");
        }

        return messages;
    }
}
