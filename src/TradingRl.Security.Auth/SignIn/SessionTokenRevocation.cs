using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Auth.SignIn;

/// <summary>The default <see cref="IAccessTokenRevocation"/>: the token's session must be live and its subject's, and the token must postdate the user's last password or role change.</summary>
/// <remarks>Thread-safe; with the in-memory stores, two dictionary look-ups and no allocation.</remarks>
public sealed class SessionTokenRevocation : IAccessTokenRevocation
{
    private readonly ISessionStore _sessions;
    private readonly IUserStore _users;
    private readonly SessionOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Initializes the check.</summary>
    /// <param name="sessions">The session store.</param>
    /// <param name="users">The user store.</param>
    /// <param name="options">The session settings (idle timeout).</param>
    /// <param name="timeProvider">The clock.</param>
    public SessionTokenRevocation(ISessionStore sessions, IUserStore users, SessionOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sessions = sessions;
        _users = users;
        _options = options;
        _time = timeProvider;
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsRevokedAsync(string subject, string sessionId, DateTimeOffset issuedAt, CancellationToken cancellationToken = default)
    {
        var s = _sessions.GetAsync(sessionId, cancellationToken);
        var u = _users.FindBySubjectAsync(subject, cancellationToken);
        if (s.IsCompletedSuccessfully && u.IsCompletedSuccessfully)
        {
            return ValueTask.FromResult(Decide(s.Result, u.Result, subject, issuedAt));
        }

        return Slow(s, u, subject, issuedAt);
    }

    private async ValueTask<bool> Slow(ValueTask<SessionRecord?> s, ValueTask<UserAccount?> u, string subject, DateTimeOffset issuedAt) =>
        Decide(await s.ConfigureAwait(false), await u.ConfigureAwait(false), subject, issuedAt);

    private bool Decide(SessionRecord? session, UserAccount? user, string subject, DateTimeOffset issuedAt) =>
        session is null || user is null
        || !string.Equals(session.Subject, subject, StringComparison.Ordinal)
        || !session.IsLive(_time.GetUtcNow(), _options.IdleTimeout)
        || issuedAt < user.CredentialsChangedAt;
}
