namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>Thrown when a PostgreSQL store cannot reach its server (down, restarting, unreachable, timed out): the operation did not happen.</summary>
/// <remarks>
/// A store operation that throws it was not acknowledged; callers fail closed (a refresh is refused, a sign-in denied). Stores whose
/// interface defines its own failure type (incidents, key ring, audit) throw that type with this exception as the inner one.
/// The message names the store and operation, never a connection string, password or stored value.
/// </remarks>
public sealed class PostgreSqlStoreUnavailableException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public PostgreSqlStoreUnavailableException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What failed and what to do.</param>
    public PostgreSqlStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and a cause.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The Npgsql failure.</param>
    public PostgreSqlStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
