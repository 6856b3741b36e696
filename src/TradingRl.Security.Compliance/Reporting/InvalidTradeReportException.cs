namespace TradingRl.Security.Compliance;

/// <summary>Thrown when a trade report is refused because fields are missing or malformed; nothing was written.</summary>
public sealed class InvalidTradeReportException : Exception
{
    /// <summary>Initializes the exception with no problems listed.</summary>
    public InvalidTradeReportException()
        : this([])
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InvalidTradeReportException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Initializes the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidTradeReportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Initializes the exception with the problems found.</summary>
    /// <param name="errors">The problems, each naming a field.</param>
    public InvalidTradeReportException(IReadOnlyList<string> errors)
        : base("The trade report is invalid and was not sent: " + string.Join(" ", errors ?? []) + " Fix the fields and submit it again.")
    {
        Errors = errors ?? [];
    }

    /// <summary>Gets the problems found, each naming a field.</summary>
    public IReadOnlyList<string> Errors { get; }
}
