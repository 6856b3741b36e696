namespace TradingRl.Security.Events;

/// <summary>Thrown when an event is published after the pipeline has shut down.</summary>
public sealed class SecurityEventPipelineClosedException : InvalidOperationException
{
    /// <summary>Initializes the exception.</summary>
    public SecurityEventPipelineClosedException()
        : base("The security-event pipeline has shut down and accepts no more events; publish before the host stops.")
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SecurityEventPipelineClosedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SecurityEventPipelineClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown by a synchronous publish when the queue stays full for the whole publish timeout.</summary>
public sealed class SecurityEventPublishTimeoutException : TimeoutException
{
    /// <summary>Initializes the exception.</summary>
    public SecurityEventPublishTimeoutException()
        : base("The security-event queue stayed full for the whole publish timeout; the event was not accepted.")
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SecurityEventPublishTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SecurityEventPublishTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
