namespace TradingRl.Security.Stores.Redis;

/// <summary>Thrown when Redis cannot be reached or does not answer in time, so a security decision cannot be made and is refused (fail closed).</summary>
/// <remarks>The message names the operation, never a key, token or password. Counted by the <c>tradingrl.security.store.unavailable</c> metric.</remarks>
public sealed class RedisStoreUnavailableException : Exception
{
    /// <summary>Initializes the exception with a default message.</summary>
    public RedisStoreUnavailableException()
        : base("The Redis store is unavailable.")
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What failed and what to do.</param>
    public RedisStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and the Redis client's exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The StackExchange.Redis exception.</param>
    public RedisStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the store operation that failed, e.g. <c>counter.increment</c>.</summary>
    public string? Operation { get; init; }
}
