using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using TradingRl.Security.Auth.Sessions;

namespace TradingRl.Security.Stores.Redis;

/// <summary>An <see cref="ISessionStore"/> in Redis: a session revoked or touched on one host is seen so by every host.</summary>
/// <remarks>
/// <para>A session is a hash <c>{prefix}session:{id}</c>; a sorted set <c>{prefix}subject-sessions:{subject}</c>
/// lists a subject's sessions oldest first. Every member is one Lua script, atomic on its record: add refuses an
/// existing id, touch moves the last-seen time only forward and only while not revoked, revoke succeeds once. Times
/// are stored as UTC ticks, so records read back exactly.</para>
/// <para>Expiry: the key expires when the session can no longer be live by either timeout (the lesser of the idle
/// timeout and the time left to the absolute limit, restarted by each touch) plus
/// <see cref="RedisStoreOptions.ExpiryMargin"/>, so dead sessions vanish without a sweeper. Whether a session is live
/// is still decided by <see cref="SessionManager"/> on the record and its own clock, exactly; a key that has
/// already vanished reads as unknown, which the manager refuses as well.</para>
/// <para>A revocation is published on <c>{prefix}session-revoked</c>, so every host's
/// <see cref="RedisAccessTokenRevocation"/> drops its cached copy at once. Fails with
/// <see cref="RedisStoreUnavailableException"/> when Redis is unreachable (fail closed).</para>
/// </remarks>
public sealed class RedisSessionStore : ISessionStore
{
    // Times are 19-digit tick strings; Lua numbers are doubles, so compare them as two exact halves.
    private const string After = """
        local function after(a, b)
          local ah, bh = tonumber(string.sub(a, 1, 10)), tonumber(string.sub(b, 1, 10))
          if ah ~= bh then return ah > bh end
          return tonumber(string.sub(a, 11)) > tonumber(string.sub(b, 11))
        end

        """;

    private const string AddScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'sub', ARGV[1], 'cr', ARGV[2], 'ls', ARGV[3], 'ex', ARGV[4], 'amr', ARGV[5])
        if ARGV[8] == '1' then redis.call('HSET', KEYS[1], 'src', ARGV[9]) end
        if ARGV[10] == '1' then redis.call('HSET', KEYS[1], 'rv', ARGV[11]) end
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[6]))
        redis.call('ZADD', KEYS[2], 0, ARGV[7])
        if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[12]) then redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[12])) end
        return 1
        """;

    private const string TouchScript = After + """
        local v = redis.call('HMGET', KEYS[1], 'ls', 'rv', 'ex')
        if not v[1] or v[2] then return 0 end
        if not after(ARGV[1], v[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'ls', ARGV[1])
        local ttl = math.min(math.floor((tonumber(v[3]) - tonumber(ARGV[1])) / 10000), tonumber(ARGV[2]))
        if ttl < 0 then ttl = 0 end
        redis.call('PEXPIRE', KEYS[1], ttl + tonumber(ARGV[3]))
        return 1
        """;

    private const string RevokeScript = """
        local v = redis.call('HMGET', KEYS[1], 'sub', 'rv')
        if not v[1] or v[2] then return 0 end
        redis.call('HSET', KEYS[1], 'rv', ARGV[1])
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return 1
        """;

    // Reads every session of the index in one step and drops the entries whose session key has expired.
    private const string ListScript = """
        local out = {}
        for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          local sid = string.sub(m, 21)
          local v = redis.call('HMGET', ARGV[1] .. sid, 'sub', 'cr', 'ls', 'ex', 'rv', 'amr', 'src')
          if not v[1] then
            redis.call('ZREM', KEYS[1], m)
          elseif not v[5] and v[1] == ARGV[2] then
            table.insert(out, sid)
            for j = 1, 7 do table.insert(out, v[j]) end
          end
        end
        return out
        """;

    private static readonly RedisValue[] Fields = ["sub", "cr", "ls", "ex", "rv", "amr", "src"];
    private readonly RedisConnection _connection;
    private readonly SessionOptions _options;

    /// <summary>Initializes the store.</summary>
    /// <param name="connection">The shared connection.</param>
    /// <param name="options">The session settings (the idle timeout sets the keys' expiry).</param>
    public RedisSessionStore(RedisConnection connection, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _options = options;
        RevokedChannel = RedisChannel.Literal(connection.KeyPrefix + "session-revoked");
    }

    internal event Action<string>? Revoked;

    internal RedisChannel RevokedChannel { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A session with the same id exists.</exception>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask AddAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        cancellationToken.ThrowIfCancellationRequested();
        var margin = _connection.Options.ExpiryMargin;
        var left = session.ExpiresAt - session.LastSeenAt;
        var ttl = Max0(left < _options.IdleTimeout ? left : _options.IdleTimeout) + margin;
        var indexTtl = Max0(session.ExpiresAt - session.LastSeenAt) + margin;
        RedisValue[] args =
        [
            session.Subject,
            Ticks(session.CreatedAt),
            Ticks(session.LastSeenAt),
            Ticks(session.ExpiresAt),
            JsonSerializer.Serialize(session.AuthenticationMethods),
            (long)ttl.TotalMilliseconds,
            Ticks(session.CreatedAt) + ":" + session.SessionId,
            session.SourceAddress is null ? "0" : "1",
            session.SourceAddress ?? string.Empty,
            session.RevokedAt is null ? "0" : "1",
            session.RevokedAt is { } r ? Ticks(r) : string.Empty,
            (long)indexTtl.TotalMilliseconds,
        ];
        RedisResult result;
        try
        {
            result = await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).ScriptEvaluateAsync(AddScript, [SessionKey(session.SessionId), IndexKey(session.Subject)], args).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "session.add");
        }

        if ((long)result == 0)
        {
            throw new InvalidOperationException("A session with the same id already exists.");
        }
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] v;
        try
        {
            v = await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).HashGetAsync(SessionKey(sessionId), Fields).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "session.get");
        }

        return v[0].IsNull ? null : Read(sessionId, v.AsSpan());
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask<IReadOnlyList<SessionRecord>> ListAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        cancellationToken.ThrowIfCancellationRequested();
        RedisResult result;
        try
        {
            result = await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).ScriptEvaluateAsync(ListScript, [IndexKey(subject)], [_connection.KeyPrefix + "session:", subject]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "session.list");
        }

        var flat = (RedisValue[])result!;
        var list = new List<SessionRecord>(flat.Length / 8);
        for (var i = 0; i + 8 <= flat.Length; i += 8)
        {
            list.Add(Read(flat[i]!, flat.AsSpan(i + 1, 7)));
        }

        return list;
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask<bool> TouchAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] args = [Ticks(now), (long)_options.IdleTimeout.TotalMilliseconds, (long)_connection.Options.ExpiryMargin.TotalMilliseconds];
        try
        {
            return (long)await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).ScriptEvaluateAsync(TouchScript, [SessionKey(sessionId)], args).ConfigureAwait(false) == 1;
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "session.touch");
        }
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask<bool> RevokeAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        bool revoked;
        try
        {
            revoked = (long)await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).ScriptEvaluateAsync(
                RevokeScript, [SessionKey(sessionId)], [Ticks(now), RevokedChannel.ToString(), sessionId]).ConfigureAwait(false) == 1;
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "session.revoke");
        }

        if (revoked)
        {
            Revoked?.Invoke(sessionId);
        }

        return revoked;
    }

    private static SessionRecord Read(string sessionId, ReadOnlySpan<RedisValue> v)
    {
        // v: sub, cr, ls, ex, rv, amr, src
        try
        {
            return new SessionRecord(sessionId, v[0]!, Time(v[1]), Time(v[2]), Time(v[3]))
            {
                RevokedAt = v[4].IsNull ? null : Time(v[4]),
                AuthenticationMethods = JsonSerializer.Deserialize<string[]>(v[5].ToString()) ?? [],
                SourceAddress = v[6].IsNull ? null : v[6].ToString(),
            };
        }
        catch (Exception ex) when (ex is FormatException or JsonException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new FormatException("A session in Redis is malformed (tampered, or written by something else under the key prefix); revoke or delete it.", ex);
        }
    }

    private static DateTimeOffset Time(RedisValue v) => new(long.Parse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);

    private static string Ticks(DateTimeOffset t) => t.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static TimeSpan Max0(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.Zero;

    private RedisKey SessionKey(string sessionId) => _connection.Key("session:", sessionId);

    private RedisKey IndexKey(string subject) => _connection.Key("subject-sessions:", subject);
}
