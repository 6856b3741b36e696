namespace TradingRl.Security.Compliance;

/// <summary>Checks a trade report's fields before it is sent.</summary>
public static class TradeReportValidator
{
    /// <summary>The longest text field accepted.</summary>
    public const int MaxFieldLength = 128;

    /// <summary>Lists every problem with a report, each naming the field and what is expected; empty when valid.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The problems.</returns>
    /// <remarks>Messages name fields and rules, never the values (a report is confidential order data).</remarks>
    public static IReadOnlyList<string> Validate(TradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = new List<string>();
        Text(errors, report.TradeId, nameof(TradeReport.TradeId));
        Text(errors, report.ClockSource, nameof(TradeReport.ClockSource));
        Text(errors, report.Instrument, nameof(TradeReport.Instrument));
        Text(errors, report.Account, nameof(TradeReport.Account));
        if (report.ExecutionTime.Offset != TimeSpan.Zero)
        {
            errors.Add("ExecutionTime must be in UTC (offset +00:00).");
        }

        if (report.ExecutionTime == default)
        {
            errors.Add("ExecutionTime is required.");
        }

        if (!Enum.IsDefined(report.Side))
        {
            errors.Add("Side must be Buy or Sell.");
        }

        if (!Enum.IsDefined(report.OrderType))
        {
            errors.Add("OrderType must be Limit or Market.");
        }

        if (report.Quantity <= 0m)
        {
            errors.Add("Quantity must be more than zero.");
        }

        if (report.Price <= 0m)
        {
            errors.Add("Price must be more than zero.");
        }

        if (report.Currency is null || report.Currency.Length != 3 || !report.Currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("Currency must be a three-letter upper-case ISO 4217 code, e.g. USD.");
        }

        if (report.Venue is null || report.Venue.Length != 4 || !report.Venue.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            errors.Add("Venue must be a four-character ISO 10383 MIC of upper-case letters and digits, e.g. XNAS (XOFF off venue).");
        }

        if (string.IsNullOrWhiteSpace(report.TraderId) && string.IsNullOrWhiteSpace(report.AlgorithmId))
        {
            errors.Add("TraderId or AlgorithmId is required: a report names who or what decided the trade.");
        }

        if (report.TraderId is not null)
        {
            Text(errors, report.TraderId, nameof(TradeReport.TraderId));
        }

        if (report.AlgorithmId is not null)
        {
            Text(errors, report.AlgorithmId, nameof(TradeReport.AlgorithmId));
        }

        if (report.Regime is not null)
        {
            Text(errors, report.Regime, nameof(TradeReport.Regime));
        }

        return errors;
    }

    private static void Text(List<string> errors, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field} is required.");
        }
        else if (value.Length > MaxFieldLength)
        {
            errors.Add($"{field} must be at most {MaxFieldLength} characters long.");
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add($"{field} must not contain control characters.");
        }
    }
}
