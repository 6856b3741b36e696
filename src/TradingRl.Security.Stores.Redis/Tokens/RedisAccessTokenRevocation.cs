using System.Collections.Concurrent;
using StackExchange.Redis;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Stores.Redis;

/// <summary>The fleet's <see cref="IAccessTokenRevocation"/>: Auth's rule (the token's session live and its subject's, the token newer than the user's last credential change) over the Redis sessions, with a short local cache so most validations make no round trip.</summary>
/// <remarks>
/// <para>The access-token validator calls this on every validation, cached token or not. A host keeps the session and
/// user it last read for at most <see cref="RedisStoreOptions.TokenRevocationCacheDuration"/> (by its
/// <see cref="TimeProvider"/>), and only answers "not revoked" from them: idle and absolute expiry are checked on the
/// cached record against the current time, exactly; a cached answer that would refuse is checked again against Redis
/// (another host may have touched the session).</para>
/// <para>A session revoked through <see cref="RedisSessionStore"/> on any host is published on
/// <c>{prefix}session-revoked</c> and dropped from every host's cache when the message arrives (typically well under
/// a millisecond); on the revoking host at once. While the subscription is down, or after a reconnect, the cache is
/// emptied and not used until subscribed again. So a revocation is missed for at most the cache duration, and only if
/// its message is lost; a password or role change (in the user store, not published) is seen within the cache
/// duration. Set the duration to zero to read Redis on every validation.</para>
/// <para>Thread-safe. Fails with <see cref="RedisStoreUnavailableException"/> when Redis is unreachable and the
/// answer is not cached: the token is refused (fail closed).</para>
/// </remarks>
public sealed class RedisAccessTokenRevocation : IAccessTokenRevocation, IDisposable
{
    private const int MaxCachedEntries = 100_000;

    private readonly RedisConnection _connection;
    private readonly ISessionStore _sessions;
    private readonly IUserStore _users;
    private readonly SessionOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheDuration;
    private readonly RedisSessionStore? _redisSessions;
    private readonly ConcurrentDictionary<string, Cached<SessionRecord>> _sessionCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Cached<DateTimeOffset>> _userCache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile bool _listening;
    private bool _subscribed;
    private bool _hooked;
    private int _subscribing;

    // Moves on every revocation heard, so a read that raced with one is not cached.
    private long _epoch;
    private bool _disposed;

    /// <summary>Initializes the check.</summary>
    /// <param name="connection">The shared connection (its pub/sub carries revocations).</param>
    /// <param name="sessions">The session store; a <see cref="RedisSessionStore"/> for a fleet.</param>
    /// <param name="users">The user store.</param>
    /// <param name="options">The session settings (idle timeout).</param>
    /// <param name="timeProvider">The clock.</param>
    public RedisAccessTokenRevocation(RedisConnection connection, ISessionStore sessions, IUserStore users, SessionOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connection = connection;
        _sessions = sessions;
        _users = users;
        _options = options;
        _time = timeProvider;
        _cacheDuration = connection.Options.TokenRevocationCacheDuration;
        _redisSessions = sessions as RedisSessionStore;
        if (_redisSessions is not null)
        {
            _redisSessions.Revoked += Forget;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow, and the answer is not cached.</exception>
    public ValueTask<bool> IsRevokedAsync(string subject, string sessionId, DateTimeOffset issuedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(sessionId);
        if (_cacheDuration > TimeSpan.Zero && _redisSessions is not null)
        {
            if (_listening
                && _sessionCache.TryGetValue(sessionId, out var s) && _time.GetElapsedTime(s.LoadedAt) < _cacheDuration
                && _userCache.TryGetValue(subject, out var u) && _time.GetElapsedTime(u.LoadedAt) < _cacheDuration
                && !Decide(s.Value, u.Value, subject, issuedAt))
            {
                _connection.RevocationCacheHits.Add(1, new KeyValuePair<string, object?>("store", "redis"));
                return ValueTask.FromResult(false);
            }

            EnsureListening();
        }

        return ReadAsync(subject, sessionId, issuedAt, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (_redisSessions is not null)
        {
            _redisSessions.Revoked -= Forget;
        }

        if (_hooked && _connection.Multiplexer is { } m)
        {
            m.ConnectionFailed -= OnConnectionFailed;
            m.ConnectionRestored -= OnConnectionRestored;
        }
    }

    private async ValueTask<bool> ReadAsync(string subject, string sessionId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var loadedAt = _time.GetTimestamp();
        var epoch = Interlocked.Read(ref _epoch);
        var sessionTask = _sessions.GetAsync(sessionId, cancellationToken);
        var userTask = _users.FindBySubjectAsync(subject, cancellationToken);
        var session = await sessionTask.ConfigureAwait(false);
        var user = await userTask.ConfigureAwait(false);
        if (session is null || user is null)
        {
            return true;
        }

        var revoked = Decide(session, user.CredentialsChangedAt, subject, issuedAt);
        if (!revoked && _cacheDuration > TimeSpan.Zero && _listening && Interlocked.Read(ref _epoch) == epoch)
        {
            if (_sessionCache.Count >= MaxCachedEntries || _userCache.Count >= MaxCachedEntries)
            {
                _sessionCache.Clear();
                _userCache.Clear();
            }

            _sessionCache[sessionId] = new Cached<SessionRecord>(session, loadedAt);
            _userCache[subject] = new Cached<DateTimeOffset>(user.CredentialsChangedAt, loadedAt);
        }

        return revoked;
    }

    // Auth's SessionTokenRevocation rule, on a record and the user's last credential change.
    private bool Decide(SessionRecord session, DateTimeOffset credentialsChangedAt, string subject, DateTimeOffset issuedAt) =>
        !string.Equals(session.Subject, subject, StringComparison.Ordinal)
        || !session.IsLive(_time.GetUtcNow(), _options.IdleTimeout)
        || issuedAt < credentialsChangedAt;

    private void Forget(string sessionId)
    {
        Interlocked.Increment(ref _epoch);
        _sessionCache.TryRemove(sessionId, out _);
    }

    private void EnsureListening()
    {
        if (_listening || Interlocked.CompareExchange(ref _subscribing, 1, 0) != 0)
        {
            return;
        }

        // Off the caller's path: the first use of the multiplexer may wait for the connection.
        _ = Task.Run(ListenAsync);
    }

    private async Task ListenAsync()
    {
        try
        {
            var m = await _connection.GetMultiplexerAsync().ConfigureAwait(false);
            lock (_gate)
            {
                if (!_hooked && !_disposed)
                {
                    m.ConnectionFailed += OnConnectionFailed;
                    m.ConnectionRestored += OnConnectionRestored;
                    _hooked = true;
                }
            }

            await SubscribeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex) || ex is ObjectDisposedException)
        {
            _listening = false;
        }
        finally
        {
            // A failed attempt is retried by the next check that misses the cache.
            Volatile.Write(ref _subscribing, 0);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            if (!_subscribed)
            {
                // The multiplexer re-subscribes by itself after a reconnect: subscribe once.
                var m = await _connection.GetMultiplexerAsync().ConfigureAwait(false);
                await m.GetSubscriber().SubscribeAsync(_redisSessions!.RevokedChannel, (_, message) => Forget(message!)).ConfigureAwait(false);
                _subscribed = true;
            }

            ClearCaches();
            _listening = (await _connection.GetMultiplexerAsync().ConfigureAwait(false)).IsConnected;
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex) || ex is ObjectDisposedException)
        {
            // Retried by the next check that misses the cache, and when the connection is restored; meanwhile every check reads Redis.
            _listening = false;
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        // Revocations published while disconnected are lost to this host: stop trusting the cache.
        _listening = false;
        ClearCaches();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription || _connection.Multiplexer.IsConnected)
        {
            _ = SubscribeAsync();
        }
    }

    private void ClearCaches()
    {
        Interlocked.Increment(ref _epoch);
        _sessionCache.Clear();
        _userCache.Clear();
    }

    private readonly record struct Cached<T>(T Value, long LoadedAt);
}
