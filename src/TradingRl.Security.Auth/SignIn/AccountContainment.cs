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
    /// <exception cref="InvalidOperationException">No account has this subject id.</exception>
    public async ValueTask LockAccountAsync(string subject, string reason, TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var user = await _users.FindBySubjectAsync(subject, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("No account has this subject id; nothing was locked.");
        await _throttle.LockAsync(user.NormalizedUserName, duration, cancellationToken).ConfigureAwait(false);
        await AuthEvents.PublishAsync(_events, SecurityEventTypes.AccountLocked, _time.GetUtcNow(), subject, SecurityOutcome.Success, "containment: " + reason, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<int> RevokeSessionsAsync(string subject, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await _refresh.RevokeAsync(subject, null, cancellationToken).ConfigureAwait(false);
        return await _sessions.RevokeAllAsync(subject, reason, null, cancellationToken).ConfigureAwait(false);
    }
}
