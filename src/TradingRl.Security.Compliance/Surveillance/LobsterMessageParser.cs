using System.Globalization;

namespace TradingRl.Security.Compliance;

/// <summary>Reads LOBSTER message files (NASDAQ order events) as <see cref="MarketEvent"/>s, for replaying market data through surveillance.</summary>
/// <remarks>
/// A line is <c>time,type,order id,size,price,direction</c>: seconds after midnight in exchange local time (up to 12
/// decimals; kept to the 100 ns tick, truncated), the event type (1 add, 2 partial cancel, 3 full deletion, 4 visible
/// execution, 5 hidden execution, 6 cross trade, 7 halt), the price in dollars x 10,000 and the side of the resting order
/// (1 buy, -1 sell). Executions are reported from the resting order's side, so <see cref="MarketEvent.IsAggressor"/> is
/// <see langword="false"/>. The events carry no account: they are anonymous market flow. Parsing allocates nothing.
/// </remarks>
public static class LobsterMessageParser
{
    private const int MaxFractionDigits = 12;

    /// <summary>Parses one message line.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="instrument">The instrument the file is for.</param>
    /// <param name="sessionDate">The trading day.</param>
    /// <param name="utcOffset">The exchange's offset from UTC that day (e.g. -4 h for New York in June).</param>
    /// <param name="marketEvent">The event, when the line holds one.</param>
    /// <returns><see langword="true"/> for an order or trade event; <see langword="false"/> for a malformed line or a trading-halt marker (type 7).</returns>
    public static bool TryParse(ReadOnlySpan<char> line, string instrument, DateOnly sessionDate, TimeSpan utcOffset, out MarketEvent marketEvent) =>
        Parse(line, instrument, sessionDate, utcOffset, out marketEvent) == Status.Event;

    /// <summary>Reads every order and trade event of a message file, in file order, skipping halt markers.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="instrument">The instrument the file is for.</param>
    /// <param name="sessionDate">The trading day.</param>
    /// <param name="utcOffset">The exchange's offset from UTC that day.</param>
    /// <returns>The events, read lazily.</returns>
    /// <exception cref="ArgumentException">The path or instrument is empty.</exception>
    /// <exception cref="FormatException">A line is malformed; the message gives its line number.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IEnumerable<MarketEvent> ReadFile(string path, string instrument, DateOnly sessionDate, TimeSpan utcOffset)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(instrument);
        return ReadFileIterator(path, instrument, sessionDate, utcOffset);
    }

    private static IEnumerable<MarketEvent> ReadFileIterator(string path, string instrument, DateOnly sessionDate, TimeSpan utcOffset)
    {
        using var reader = new StreamReader(path);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            switch (Parse(line, instrument, sessionDate, utcOffset, out var e))
            {
                case Status.Event:
                    yield return e;
                    break;
                case Status.Halt:
                    break;
                default:
                    throw new FormatException($"Line {number} of the LOBSTER message file is not 'time,type,order id,size,price,direction' with a known type.");
            }
        }
    }

    private static Status Parse(ReadOnlySpan<char> line, string instrument, DateOnly sessionDate, TimeSpan utcOffset, out MarketEvent marketEvent)
    {
        marketEvent = default;
        if (string.IsNullOrEmpty(instrument))
        {
            return Status.Malformed;
        }

        Span<Range> fields = stackalloc Range[7];
        if (line.Split(fields, ',') != 6)
        {
            return Status.Malformed;
        }

        if (!TryParseTicks(line[fields[0]], out var ticks) ||
            !int.TryParse(line[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var type) ||
            !long.TryParse(line[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var orderId) ||
            !long.TryParse(line[fields[3]], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ||
            !long.TryParse(line[fields[4]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var price) ||
            !int.TryParse(line[fields[5]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var direction))
        {
            return Status.Malformed;
        }

        if (type == 7)
        {
            return Status.Halt;
        }

        MarketEventKind kind;
        switch (type)
        {
            case 1: kind = MarketEventKind.OrderAdded; break;
            case 2: kind = MarketEventKind.OrderPartiallyCancelled; break;
            case 3: kind = MarketEventKind.OrderCancelled; break;
            case 4 or 5 or 6: kind = MarketEventKind.OrderExecuted; break;
            default: return Status.Malformed;
        }

        if (direction is not (1 or -1) || price < 0 || (size == 0 && kind is MarketEventKind.OrderAdded or MarketEventKind.OrderExecuted))
        {
            return Status.Malformed;
        }

        if (ticks >= TimeSpan.TicksPerDay * 2)
        {
            return Status.Malformed;
        }

        marketEvent = new MarketEvent
        {
            Kind = kind,
            Timestamp = new DateTimeOffset(sessionDate.ToDateTime(TimeOnly.MinValue).AddTicks(ticks), utcOffset),
            Instrument = instrument,
            Side = direction == 1 ? MarketSide.Buy : MarketSide.Sell,
            OrderId = orderId,
            Price = price / 10_000m,
            Quantity = size,
        };
        return Status.Event;
    }

    private static bool TryParseTicks(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if (whole.IsEmpty || fraction.Length > MaxFractionDigits ||
            !long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 2 * 86_400)
        {
            return false;
        }

        long sub = 0;
        for (var i = 0; i < 7; i++)
        {
            var digit = 0;
            if (i < fraction.Length)
            {
                digit = fraction[i] - '0';
                if (digit is < 0 or > 9)
                {
                    return false;
                }
            }

            sub = (sub * 10) + digit;
        }

        for (var i = 7; i < fraction.Length; i++)
        {
            if (fraction[i] is < '0' or > '9')
            {
                return false;
            }
        }

        ticks = (seconds * TimeSpan.TicksPerSecond) + sub;
        return true;
    }

    private enum Status
    {
        Malformed,
        Event,
        Halt,
    }
}
