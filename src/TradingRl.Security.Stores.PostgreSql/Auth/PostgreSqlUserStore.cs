using Npgsql;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>An <see cref="IUserStore"/> in PostgreSQL, shared by every host of a fleet.</summary>
/// <remarks>
/// Subjects and normalised names are unique in the table, so <see cref="TryAddAsync"/> is one <c>INSERT ... ON CONFLICT DO NOTHING</c>
/// and two hosts adding the same name at once add it once. <see cref="UpdateAsync"/> is one <c>UPDATE</c> keyed by subject and name.
/// Thread-safe. A server outage throws <see cref="PostgreSqlStoreUnavailableException"/> (the sign-in fails closed).
/// </remarks>
public sealed class PostgreSqlUserStore : IUserStore
{
    private const string Store = "user";
    private const string Columns = "subject, user_name, password_hash, roles, credentials_changed_at";
    private readonly PostgreSqlStoreContext _context;
    private readonly string _byName;
    private readonly string _bySubject;
    private readonly string _add;
    private readonly string _update;

    internal PostgreSqlUserStore(PostgreSqlStoreContext context)
    {
        _context = context;
        _byName = context.Sql($"SELECT {Columns} FROM {{schema}}.users WHERE normalized_user_name = @k");
        _bySubject = context.Sql($"SELECT {Columns} FROM {{schema}}.users WHERE subject = @k");
        _add = context.Sql("INSERT INTO {schema}.users (subject, normalized_user_name, user_name, password_hash, roles, credentials_changed_at) VALUES (@s, @n, @u, @p, @r, @c) ON CONFLICT DO NOTHING");
        _update = context.Sql("UPDATE {schema}.users SET user_name = @u, password_hash = @p, roles = @r, credentials_changed_at = @c WHERE subject = @s AND normalized_user_name = @n");
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable.</exception>
    public ValueTask<UserAccount?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normalizedUserName);
        return FindAsync(_byName, normalizedUserName, "find an account by name", cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable.</exception>
    public ValueTask<UserAccount?> FindBySubjectAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return FindAsync(_bySubject, subject, "find an account by subject", cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable; nothing was added.</exception>
    public ValueTask<bool> TryAddAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return WriteAsync(_add, account, "add an account", cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable; nothing was changed.</exception>
    public ValueTask<bool> UpdateAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return WriteAsync(_update, account, "update an account", cancellationToken);
    }

    private ValueTask<bool> WriteAsync(string sql, UserAccount account, string operation, CancellationToken cancellationToken) =>
        _context.RunAsync(Store, operation, async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(sql, c);
            cmd.Parameters.AddWithValue("s", account.Subject);
            cmd.Parameters.AddWithValue("n", account.NormalizedUserName);
            cmd.Parameters.AddWithValue("u", account.UserName);
            cmd.Parameters.AddWithValue("p", account.PasswordHash);
            cmd.Parameters.AddWithValue("r", account.Roles.ToArray());
            cmd.Parameters.AddWithValue("c", account.CredentialsChangedAt.ToUniversalTime());
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    private ValueTask<UserAccount?> FindAsync(string sql, string key, string operation, CancellationToken cancellationToken) =>
        _context.RunAsync<UserAccount?>(Store, operation, async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(sql, c);
            cmd.Parameters.AddWithValue("k", key);
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            return new UserAccount(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<string[]>(3),
                reader.GetFieldValue<DateTimeOffset>(4));
        }, cancellationToken);
}
