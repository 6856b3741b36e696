using Npgsql;
using TradingRl.Security.Auth.RefreshTokens;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>An <see cref="IRefreshTokenStore"/> in PostgreSQL, shared by every host of a fleet.</summary>
/// <remarks>
/// Every member is one SQL statement, so each is atomic across hosts: <see cref="TryMarkUsedAsync"/> is
/// <c>UPDATE ... WHERE used_at IS NULL</c> and succeeds for the one caller whose update changed the row. Thread-safe. A server
/// outage throws <see cref="PostgreSqlStoreUnavailableException"/> (the refresh fails closed). Times are kept to the microsecond.
/// </remarks>
public sealed class PostgreSqlRefreshTokenStore : IRefreshTokenStore
{
    private const string Store = "refresh-token";
    private readonly PostgreSqlStoreContext _context;
    private readonly string _add;
    private readonly string _find;
    private readonly string _markUsed;
    private readonly string _revokeFamily;
    private readonly string _isRevoked;
    private readonly string _revokeForSubject;

    internal PostgreSqlRefreshTokenStore(PostgreSqlStoreContext context)
    {
        _context = context;
        _add = context.Sql("INSERT INTO {schema}.refresh_tokens (token_hash, family_id, subject, session_id, issued_at, idle_expires_at, family_expires_at, used_at) VALUES (@h, @f, @s, @sid, @i, @ie, @fe, @u)");
        _find = context.Sql("SELECT token_hash, family_id, subject, session_id, issued_at, idle_expires_at, family_expires_at, used_at FROM {schema}.refresh_tokens WHERE token_hash = @h");
        _markUsed = context.Sql("UPDATE {schema}.refresh_tokens SET used_at = @u WHERE token_hash = @h AND used_at IS NULL");
        _revokeFamily = context.Sql("INSERT INTO {schema}.refresh_token_revoked_families (family_id) VALUES (@f) ON CONFLICT (family_id) DO NOTHING");
        _isRevoked = context.Sql("SELECT EXISTS (SELECT 1 FROM {schema}.refresh_token_revoked_families WHERE family_id = @f)");
        _revokeForSubject = context.Sql("""
            INSERT INTO {schema}.refresh_token_revoked_families (family_id)
            SELECT DISTINCT family_id FROM {schema}.refresh_tokens WHERE subject = @s AND (@sid::text IS NULL OR session_id = @sid::text)
            ON CONFLICT (family_id) DO NOTHING
            """);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A token with the same hash is already stored.</exception>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable; nothing was stored.</exception>
    public async ValueTask AddAsync(RefreshTokenRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _context.RunAsync(Store, "add a token", async (c, ct) =>
            {
                await using var cmd = new NpgsqlCommand(_add, c);
                cmd.Parameters.AddWithValue("h", record.TokenHash);
                cmd.Parameters.AddWithValue("f", record.FamilyId);
                cmd.Parameters.AddWithValue("s", record.Subject);
                cmd.Parameters.AddWithValue("sid", record.SessionId);
                cmd.Parameters.AddWithValue("i", record.IssuedAt.ToUniversalTime());
                cmd.Parameters.AddWithValue("ie", record.IdleExpiresAt.ToUniversalTime());
                cmd.Parameters.AddWithValue("fe", record.FamilyExpiresAt.ToUniversalTime());
                cmd.Parameters.Add(PostgreSqlValues.NullableTime("u", record.UsedAt));
                return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException("A refresh token with the same hash is already stored.", ex);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable.</exception>
    public ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return _context.RunAsync<RefreshTokenRecord?>(Store, "find a token", async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(_find, c);
            cmd.Parameters.AddWithValue("h", tokenHash);
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            return new RefreshTokenRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6))
            {
                UsedAt = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
            };
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>One <c>UPDATE ... WHERE used_at IS NULL</c>: PostgreSQL's row lock lets exactly one of concurrent callers, on any host, change the row.</remarks>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable; the token was not marked (the refresh fails closed).</exception>
    public ValueTask<bool> TryMarkUsedAsync(string tokenHash, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return _context.RunAsync(Store, "mark a token used", async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(_markUsed, c);
            cmd.Parameters.AddWithValue("h", tokenHash);
            cmd.Parameters.AddWithValue("u", usedAt.ToUniversalTime());
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable; the family was not revoked.</exception>
    public async ValueTask RevokeFamilyAsync(string familyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(familyId);
        await _context.RunAsync(Store, "revoke a family", async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(_revokeFamily, c);
            cmd.Parameters.AddWithValue("f", familyId);
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable (callers treat the family as unusable).</exception>
    public ValueTask<bool> IsFamilyRevokedAsync(string familyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(familyId);
        return _context.RunAsync(Store, "check a family", async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(_isRevoked, c);
            cmd.Parameters.AddWithValue("f", familyId);
            return (bool)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>One <c>INSERT ... SELECT ... ON CONFLICT DO NOTHING</c>: the count is of families this call revoked.</remarks>
    /// <exception cref="PostgreSqlStoreUnavailableException">The server is unavailable; nothing was revoked.</exception>
    public ValueTask<int> RevokeForSubjectAsync(string subject, string? sessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return _context.RunAsync(Store, "revoke a subject's families", async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(_revokeForSubject, c);
            cmd.Parameters.AddWithValue("s", subject);
            cmd.Parameters.Add(PostgreSqlValues.NullableText("sid", sessionId));
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }
}
