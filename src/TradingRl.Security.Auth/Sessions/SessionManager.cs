using System.Security.Cryptography;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Sessions;

/// <summary>Creates, validates, touches and revokes sessions: idle and absolute timeouts and a per-user limit.</summary>
/// <remarks>Thread-safe. Publishes <c>auth.session.created</c> and <c>auth.session.revoked</c>.</remarks>
public sealed class SessionManager
{
    private readonly SessionOptions _options;
    private readonly ISessionStore _store;
    private readonly TimeProvider _time;
    private readonly ISecurityEventPublisher? _events;

    /// <summary>Initializes the manager.</summary>
    /// <param name="options">The session settings.</param>
    /// <param name="store">The store.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="events">Receives session events; none when omitted.</param>
    public SessionManager(SessionOptions options, ISessionStore store, TimeProvider timeProvider, ISecurityEventPublisher? events = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _store = store;
        _time = timeProvider;
        _events = events;
    }

    /// <summary>Creates a session; when the user already has the maximum, the oldest live ones are revoked.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="authenticationMethods">How the subject authenticated (RFC 8176 <c>amr</c> values).</param>
    /// <param name="sourceAddress">The network address, when known.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new session.</returns>
    public async ValueTask<SessionRecord> CreateAsync(string subject, IReadOnlyList<string> authenticationMethods, string? sourceAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(authenticationMethods);
        var now = _time.GetUtcNow();
        var live = (await _store.ListAsync(subject, cancellationToken).ConfigureAwait(false)).Where(s => s.IsLive(now, _options.IdleTimeout)).ToList();
        for (var i = 0; i <= live.Count - _options.MaxConcurrentSessions; i++)
        {
            await RevokeAsync(live[i].SessionId, "session-limit", cancellationToken).ConfigureAwait(false);
        }

        var session = new SessionRecord("s_" + SigningKey.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)), subject, now, now, now + _options.AbsoluteTimeout)
        {
            SourceAddress = sourceAddress,
            AuthenticationMethods = [.. authenticationMethods],
        };
        await _store.AddAsync(session, cancellationToken).ConfigureAwait(false);
        await PublishAsync(SecurityEventTypes.SessionCreated, session, SecurityOutcome.Success, null, cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>Lists a subject's sessions that are not revoked.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sessions, oldest first.</returns>
    public ValueTask<IReadOnlyList<SessionRecord>> ListAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return _store.ListAsync(subject, cancellationToken);
    }

    /// <summary>Gets a session if it is live now.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The live session, or <see langword="null"/> when unknown, revoked, idle too long or past its absolute limit.</returns>
    public async ValueTask<SessionRecord?> GetLiveAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var s = await _store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return s is not null && s.IsLive(_time.GetUtcNow(), _options.IdleTimeout) ? s : null;
    }

    /// <summary>Records activity on a live session, restarting its idle timeout.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the session was live and is touched.</returns>
    public async ValueTask<bool> TouchAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (await GetLiveAsync(sessionId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await _store.TouchAsync(sessionId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Revokes a session.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="reason">Why, for the audit trail.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when this call revoked it.</returns>
    public async ValueTask<bool> RevokeAsync(string sessionId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var now = _time.GetUtcNow();
        if (!await _store.RevokeAsync(sessionId, now, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var s = await _store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (s is not null)
        {
            await PublishAsync(SecurityEventTypes.SessionRevoked, s, SecurityOutcome.Success, reason, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Revokes every session of a subject, optionally keeping one.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="reason">Why, for the audit trail.</param>
    /// <param name="exceptSessionId">A session to keep (e.g. the one that changed the password).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number revoked.</returns>
    public async ValueTask<int> RevokeAllAsync(string subject, string reason, string? exceptSessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var n = 0;
        foreach (var s in await _store.ListAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(s.SessionId, exceptSessionId, StringComparison.Ordinal) && await RevokeAsync(s.SessionId, reason, cancellationToken).ConfigureAwait(false))
            {
                n++;
            }
        }

        return n;
    }

    private ValueTask PublishAsync(SecurityEventDescriptor type, SessionRecord s, SecurityOutcome outcome, string? reason, CancellationToken cancellationToken) =>
        AuthEvents.PublishAsync(_events, type, _time.GetUtcNow(), s.Subject, outcome, reason, cancellationToken, s.SourceAddress, "session/" + s.SessionId);
}
