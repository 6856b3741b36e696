using Npgsql;
using NpgsqlTypes;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>Parameter helpers: PostgreSQL <c>timestamptz</c> takes UTC only.</summary>
internal static class PostgreSqlValues
{
    public static NpgsqlParameter NullableTime(string name, DateTimeOffset? value) =>
        new NpgsqlParameter<DateTimeOffset?>(name, NpgsqlDbType.TimestampTz) { TypedValue = value?.ToUniversalTime() };

    public static NpgsqlParameter NullableText(string name, string? value) =>
        new NpgsqlParameter<string?>(name, NpgsqlDbType.Text) { TypedValue = value };
}
