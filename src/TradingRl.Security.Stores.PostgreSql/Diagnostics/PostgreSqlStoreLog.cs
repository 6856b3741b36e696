using Microsoft.Extensions.Logging;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>The PostgreSQL stores' log messages; none carries a connection string or stored value.</summary>
internal static partial class PostgreSqlStoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "PostgreSQL schema {Schema}: applied migration {Version} ({Description}).")]
    public static partial void MigrationApplied(ILogger logger, string schema, int version, string description);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "PostgreSQL schema {Schema} is at version {Version}, newer than this host knows ({Known}); another host runs a newer release.")]
    public static partial void SchemaNewer(ILogger logger, string schema, int version, int known);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "PostgreSQL store {Store} could not {Operation}: the server is unavailable; the operation failed closed.")]
    public static partial void Unavailable(ILogger logger, string store, string operation, Exception exception);
}
