namespace TradingRl.Security.Incidents;

/// <summary>Thrown by a notification channel when a notification could not be delivered after every attempt.</summary>
public sealed class NotificationFailedException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public NotificationFailedException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public NotificationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NotificationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
