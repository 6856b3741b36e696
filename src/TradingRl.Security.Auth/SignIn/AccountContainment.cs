using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Auth.SignIn;

/// <summary>Core's <see cref="IAccountContainment"/>: locks accounts and revokes their sessions, refresh tokens and access tokens, for incident response.</summary>
/// <remarks>Thread-safe. Publishes <c>auth.account.locked</c>; session revocations publish <c>auth.session.revoked</c>.</remarks>
public sealed class AccountContainment : IAccountContainment
{
    private readonly IUserStore _users;
    private readonly LoginThrottle _throttle;
    private readonly SessionManager _sessions;
    private readonly RefreshTokenService _refresh;
    private readonly TimeProvider _time;
    private readonly ISecurityEventPublisher? _events;

    /// <summary>Initializes containment.</summary>
    /// <param name="users">The user store.</param>
    /// <param name="throttle">The lockout.</param>
    /// <param name="sessions">The session manager.</param>
    /// <param name="refresh">The refresh-token service.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="events">Receives <c>auth.account.locked</c>; none when omitted.</param>
    public AccountContainment(IUserStore users, LoginThrottle throttle, SessionManager sessions, RefreshTokenService refresh, TimeProvider timeProvider, ISecurityEventPublisher? events = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _users = users;
        _throttle = throttle;
        _sessions = sessions;
        _refresh = refresh;
        _time = timeProvider;
        _events = events;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <paramref name="subject"/> may be a subject id or a sign-in name: detection rules see the name that failed to sign in
    /// (<c>auth.login.failed</c> carries no subject for a name that may not exist). A name with no account is locked all
    /// the same, as sign-in does for unknown names, so containment never fails open and never tells whether an account exists.
    /// </remarks>
    public async ValueTask LockAccountAsync(string subject, string reason, TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var user = await ResolveAsync(subject, cancellationToken).ConfigureAwait(false);
        await _throttle.LockAsync(user?.NormalizedUserName ?? UserAccount.Normalize(subject), duration, cancellationToken).ConfigureAwait(false);
        await AuthEvents.PublishAsync(_events, SecurityEventTypes.AccountLocked, _time.GetUtcNow(), user?.Subject ?? subject, SecurityOutcome.Success, "containment: " + reason, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks><paramref name="subject"/> may be a subject id or a sign-in name; a name with no account has no sessions (0).</remarks>
    public async ValueTask<int> RevokeSessionsAsync(string subject, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var user = await ResolveAsync(subject, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return 0;
        }

        await _refresh.RevokeAsync(user.Subject, null, cancellationToken).ConfigureAwait(false);
        return await _sessions.RevokeAllAsync(user.Subject, reason, null, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<UserAccount?> ResolveAsync(string subjectOrName, CancellationToken cancellationToken) =>
        await _users.FindBySubjectAsync(subjectOrName, cancellationToken).ConfigureAwait(false)
        ?? await _users.FindByNameAsync(UserAccount.Normalize(subjectOrName), cancellationToken).ConfigureAwait(false);
}
