using System.Security.Cryptography;
using System.Text;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Auth.SignIn;

/// <summary>The sign-in flow: password, then the second factor, then a session with access and refresh tokens; refresh and sign-out.</summary>
/// <remarks>
/// Thread-safe; never throws on wrong credentials: the result carries the status. A wrong password and an unknown user
/// name get the same status after the same work (a password hash is verified either way), and lock out alike.
/// Publishes <c>auth.login.succeeded</c>, <c>auth.login.failed</c> and <c>auth.account.locked</c>; the parts it uses
/// publish the MFA, session and refresh-reuse events.
/// </remarks>
public sealed class SignInService
{
    private readonly AuthOptions _options;
    private readonly IUserStore _users;
    private readonly IPasswordHasher _hasher;
    private readonly LoginThrottle _throttle;
    private readonly TotpAuthenticator _totp;
    private readonly IMfaChallengeStore _challenges;
    private readonly SessionManager _sessions;
    private readonly AccessTokenIssuer _issuer;
    private readonly RefreshTokenService _refresh;
    private readonly TimeProvider _time;
    private readonly ISecurityEventPublisher? _events;
    private readonly Lazy<Task<string>> _dummyHash;
    private readonly KeyedAsyncLock _attempts = new();

    /// <summary>Initializes the flow.</summary>
    /// <param name="options">The Auth settings.</param>
    /// <param name="users">The user store.</param>
    /// <param name="hasher">The password hasher.</param>
    /// <param name="throttle">The lockout and throttle.</param>
    /// <param name="totp">The TOTP authenticator.</param>
    /// <param name="challenges">The pending MFA challenges.</param>
    /// <param name="sessions">The session manager.</param>
    /// <param name="issuer">The access-token issuer.</param>
    /// <param name="refresh">The refresh-token service.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="events">Receives the sign-in events; none when omitted.</param>
    public SignInService(
        AuthOptions options,
        IUserStore users,
        IPasswordHasher hasher,
        LoginThrottle throttle,
        TotpAuthenticator totp,
        IMfaChallengeStore challenges,
        SessionManager sessions,
        AccessTokenIssuer issuer,
        RefreshTokenService refresh,
        TimeProvider timeProvider,
        ISecurityEventPublisher? events = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(totp);
        ArgumentNullException.ThrowIfNull(challenges);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _users = users;
        _hasher = hasher;
        _throttle = throttle;
        _totp = totp;
        _challenges = challenges;
        _sessions = sessions;
        _issuer = issuer;
        _refresh = refresh;
        _time = timeProvider;
        _events = events;

        // Verified in place of a real hash for unknown names, so they cost the same time as a wrong password.
        _dummyHash = new(() => hasher.HashAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))).AsTask());
    }

    /// <summary>Checks a user name and password: the first step of a sign-in.</summary>
    /// <param name="userName">The sign-in name.</param>
    /// <param name="password">The password.</param>
    /// <param name="sourceAddress">The client's network address, when known (per-address throttling).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="SignInStatus.MfaRequired"/> with a challenge, <see cref="SignInStatus.Succeeded"/> when no second factor is required, or a refusal.</returns>
    public async ValueTask<SignInResult> PasswordSignInAsync(string userName, string password, string? sourceAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var name = userName.Length is > 0 and <= SecurityPrincipal.MaxNameLength && Argon2idPasswordHasher.IsValidText(userName) ? UserAccount.Normalize(userName) : null;
        if (name is null)
        {
            await PublishAsync(SecurityEventTypes.LoginFailed, null, sourceAddress, SecurityOutcome.Failure, "malformed-name", cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInStatus.Failed);
        }

        // One attempt per account at a time: otherwise concurrent guesses all pass the lockout check before the
        // first failure is counted, and more than MaxFailures passwords get verified.
        using var attempt = await _attempts.AcquireAsync(name, cancellationToken).ConfigureAwait(false);
        var gate = await _throttle.CheckAsync(name, sourceAddress, cancellationToken).ConfigureAwait(false);
        if (!gate.Allowed)
        {
            await PublishAsync(SecurityEventTypes.LoginFailed, userName, sourceAddress, SecurityOutcome.Denied, gate.AddressThrottled ? "throttled" : "locked", cancellationToken).ConfigureAwait(false);
            return gate.AddressThrottled ? new SignInResult(SignInStatus.Throttled) : new SignInResult(SignInStatus.LockedOut) { RetryAfter = gate.LockedUntil };
        }

        var user = await _users.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        var stored = user?.PasswordHash ?? await _dummyHash.Value.ConfigureAwait(false);
        var verdict = await _hasher.VerifyAsync(password, stored, cancellationToken).ConfigureAwait(false);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            var lockedUntil = await _throttle.RecordFailureAsync(name, sourceAddress, cancellationToken).ConfigureAwait(false);
            await PublishAsync(SecurityEventTypes.LoginFailed, userName, sourceAddress, SecurityOutcome.Failure, "bad-credentials", cancellationToken).ConfigureAwait(false);
            if (lockedUntil is not null)
            {
                await PublishAsync(SecurityEventTypes.AccountLocked, userName, sourceAddress, SecurityOutcome.Denied, "failures", cancellationToken).ConfigureAwait(false);
                return new SignInResult(SignInStatus.LockedOut) { RetryAfter = lockedUntil };
            }

            return new SignInResult(SignInStatus.Failed);
        }

        await _throttle.RecordSuccessAsync(name, cancellationToken).ConfigureAwait(false);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = await _hasher.HashAsync(password, cancellationToken).ConfigureAwait(false);
            await _users.UpdateAsync(user with { PasswordHash = rehashed }, cancellationToken).ConfigureAwait(false);
        }

        if (!RequiresMfa(user))
        {
            return await CompleteAsync(user, [AuthenticationMethods.Password], sourceAddress, cancellationToken).ConfigureAwait(false);
        }

        if (!await _totp.IsEnrolledAsync(user.Subject, cancellationToken).ConfigureAwait(false))
        {
            await PublishAsync(SecurityEventTypes.LoginFailed, user.Subject, sourceAddress, SecurityOutcome.Denied, "mfa-enrollment-required", cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInStatus.MfaEnrollmentRequired) { Subject = user.Subject };
        }

        var challenge = SigningKey.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = _time.GetUtcNow();
        await _challenges.AddAsync(new MfaChallenge(Hash(challenge), user.Subject, now, now + _options.Totp.ChallengeLifetime, sourceAddress), cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInStatus.MfaRequired) { ChallengeId = challenge, Subject = user.Subject };
    }

    /// <summary>Answers an MFA challenge with a TOTP code: the second step of a sign-in.</summary>
    /// <param name="challengeId">The challenge from <see cref="PasswordSignInAsync"/>.</param>
    /// <param name="code">The code from the authenticator app.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="SignInStatus.Succeeded"/> with tokens, or a refusal.</returns>
    public ValueTask<SignInResult> CompleteMfaAsync(string challengeId, string code, CancellationToken cancellationToken = default) =>
        AnswerAsync(challengeId, code, recovery: false, cancellationToken);

    /// <summary>Answers an MFA challenge with a single-use recovery code.</summary>
    /// <param name="challengeId">The challenge from <see cref="PasswordSignInAsync"/>.</param>
    /// <param name="recoveryCode">The recovery code.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="SignInStatus.Succeeded"/> with tokens, or a refusal.</returns>
    public ValueTask<SignInResult> CompleteWithRecoveryCodeAsync(string challengeId, string recoveryCode, CancellationToken cancellationToken = default) =>
        AnswerAsync(challengeId, recoveryCode, recovery: true, cancellationToken);

    /// <summary>Exchanges a refresh token for new tokens; the session must still be live.</summary>
    /// <param name="refreshToken">The refresh token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="SignInStatus.Succeeded"/> with new tokens, or <see cref="SignInStatus.Failed"/>.</returns>
    public async ValueTask<SignInResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        var rotated = await _refresh.RotateAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        if (!rotated.Succeeded)
        {
            return new SignInResult(SignInStatus.Failed);
        }

        var record = rotated.Record!;
        var session = await _sessions.GetLiveAsync(record.SessionId, cancellationToken).ConfigureAwait(false);
        var user = await _users.FindBySubjectAsync(record.Subject, cancellationToken).ConfigureAwait(false);
        if (session is null || user is null)
        {
            await _refresh.RevokeAsync(record.Subject, record.SessionId, cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInStatus.Failed);
        }

        await _sessions.TouchAsync(session.SessionId, cancellationToken).ConfigureAwait(false);
        var access = _issuer.Issue(new AccessTokenRequest(user.Subject, session.SessionId, user.Roles, session.AuthenticationMethods, session.CreatedAt));
        return new SignInResult(SignInStatus.Succeeded)
        {
            Subject = user.Subject,
            Tokens = new SignInTokens(session.SessionId, access.Token, access.ExpiresAt, rotated.Token!, record.IdleExpiresAt),
        };
    }

    /// <summary>Ends a session: it, its refresh tokens and its access tokens stop working.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the session was live and is now revoked.</returns>
    public async ValueTask<bool> SignOutAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var session = await _sessions.GetLiveAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return false;
        }

        await _refresh.RevokeAsync(session.Subject, sessionId, cancellationToken).ConfigureAwait(false);
        return await _sessions.RevokeAsync(sessionId, "sign-out", cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<SignInResult> AnswerAsync(string challengeId, string code, bool recovery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(challengeId);
        ArgumentNullException.ThrowIfNull(code);
        if (challengeId.Length != 43)
        {
            return new SignInResult(SignInStatus.Failed);
        }

        var hash = Hash(challengeId);
        var challenge = await _challenges.GetAsync(hash, cancellationToken).ConfigureAwait(false);
        if (challenge is null || _time.GetUtcNow() >= challenge.ExpiresAt)
        {
            return new SignInResult(SignInStatus.Failed);
        }

        var result = recovery
            ? await _totp.RedeemRecoveryCodeAsync(challenge.Subject, code, cancellationToken).ConfigureAwait(false)
            : await _totp.VerifyAsync(challenge.Subject, code, cancellationToken).ConfigureAwait(false);
        if (result != MfaResult.Succeeded)
        {
            if (result == MfaResult.TooManyAttempts)
            {
                await _challenges.TryRemoveAsync(hash, cancellationToken).ConfigureAwait(false);
            }

            return new SignInResult(SignInStatus.MfaFailed);
        }

        var user = await _users.FindBySubjectAsync(challenge.Subject, cancellationToken).ConfigureAwait(false);
        if (user is null || !await _challenges.TryRemoveAsync(hash, cancellationToken).ConfigureAwait(false))
        {
            return new SignInResult(SignInStatus.Failed);
        }

        string[] methods = recovery
            ? [AuthenticationMethods.Password, AuthenticationMethods.RecoveryCode, AuthenticationMethods.MultiFactor]
            : [AuthenticationMethods.Password, AuthenticationMethods.OneTimePassword, AuthenticationMethods.MultiFactor];
        return await CompleteAsync(user, methods, challenge.SourceAddress, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<SignInResult> CompleteAsync(UserAccount user, string[] methods, string? sourceAddress, CancellationToken cancellationToken)
    {
        var session = await _sessions.CreateAsync(user.Subject, methods, sourceAddress, cancellationToken).ConfigureAwait(false);
        var access = _issuer.Issue(new AccessTokenRequest(user.Subject, session.SessionId, user.Roles, methods, session.CreatedAt));
        var refresh = await _refresh.IssueAsync(user.Subject, session.SessionId, cancellationToken).ConfigureAwait(false);
        await PublishAsync(SecurityEventTypes.LoginSucceeded, user.Subject, sourceAddress, SecurityOutcome.Success, null, cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInStatus.Succeeded)
        {
            Subject = user.Subject,
            Tokens = new SignInTokens(session.SessionId, access.Token, access.ExpiresAt, refresh.Token!, refresh.Record!.IdleExpiresAt),
        };
    }

    private bool RequiresMfa(UserAccount user)
    {
        if (_options.Totp.RequiredForRoles is not { } roles)
        {
            return true; // the default: everyone
        }

        foreach (var r in roles)
        {
            if (r == "*" || user.Roles.Contains(r, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Hash(string value) => SigningKey.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(value)));

    private ValueTask PublishAsync(SecurityEventDescriptor type, string? actor, string? sourceAddress, SecurityOutcome outcome, string? reason, CancellationToken cancellationToken) =>
        AuthEvents.PublishAsync(_events, type, _time.GetUtcNow(), actor, outcome, reason, cancellationToken, sourceAddress);
}
