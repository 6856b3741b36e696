using System.Globalization;

namespace TradingRl.Security.Sample.Input;

/// <summary>Reads TrueFX-style quote files: a header <c>timestamp,bid,ask</c>, then one quote per line.</summary>
public static class QuoteFile
{
    /// <summary>Reads and validates the whole file before anything is replayed.</summary>
    /// <exception cref="InputFormatException">A row is malformed.</exception>
    public static IReadOnlyList<Quote> Read(string path)
    {
        var quotes = new List<Quote>();
        long line = 0;
        DateTimeOffset? previous = null;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                if (!string.Equals(text.Trim(), "timestamp,bid,ask", StringComparison.Ordinal))
                {
                    throw new InputFormatException(path, line, "expected the header 'timestamp,bid,ask'");
                }

                continue;
            }

            if (text.Length == 0)
            {
                throw new InputFormatException(path, line, "empty line");
            }

            var parts = text.Split(',');
            if (parts.Length != 3)
            {
                throw new InputFormatException(path, line, $"expected 3 comma-separated columns, found {parts.Length}");
            }

            if (!DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                throw new InputFormatException(path, line, "column 1 (timestamp) is not a date and time");
            }

            var bid = ParsePrice(parts[1], path, line, "bid");
            var ask = ParsePrice(parts[2], path, line, "ask");
            if (ask < bid)
            {
                throw new InputFormatException(path, line, "the ask is below the bid (crossed quote)");
            }

            if (previous is { } p && time < p)
            {
                throw new InputFormatException(path, line, "the timestamp goes back in time");
            }

            previous = time;
            quotes.Add(new Quote(time.ToUniversalTime(), bid, ask));
        }

        if (quotes.Count == 0)
        {
            throw new InputFormatException(path, Math.Max(line, 1), "the file holds no quotes");
        }

        return quotes;
    }

    private static decimal ParsePrice(string text, string path, long line, string column)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price <= 0)
        {
            throw new InputFormatException(path, line, $"column '{column}' is not a positive decimal price");
        }

        return price;
    }
}
