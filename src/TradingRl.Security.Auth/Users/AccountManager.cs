using System.Security.Cryptography;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Users;

/// <summary>Provisions accounts, changes passwords and roles, and enrols authenticators.</summary>
/// <remarks>Thread-safe. A password or role change moves <see cref="UserAccount.CredentialsChangedAt"/>, which revokes every earlier access token.</remarks>
public sealed class AccountManager
{
    private readonly IUserStore _users;
    private readonly IPasswordHasher _hasher;
    private readonly PasswordPolicy _policy;
    private readonly SessionManager _sessions;
    private readonly RefreshTokenService _refresh;
    private readonly TotpAuthenticator _totp;
    private readonly TimeProvider _time;
    private readonly ISecurityEventPublisher? _events;

    /// <summary>Initializes the manager.</summary>
    /// <param name="users">The user store.</param>
    /// <param name="hasher">The password hasher.</param>
    /// <param name="policy">The password policy.</param>
    /// <param name="sessions">The session manager.</param>
    /// <param name="refresh">The refresh-token service.</param>
    /// <param name="totp">The TOTP authenticator.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="events">Receives <c>auth.password.changed</c>; none when omitted.</param>
    public AccountManager(IUserStore users, IPasswordHasher hasher, PasswordPolicy policy, SessionManager sessions, RefreshTokenService refresh, TotpAuthenticator totp, TimeProvider timeProvider, ISecurityEventPublisher? events = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(refresh);
        ArgumentNullException.ThrowIfNull(totp);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _users = users;
        _hasher = hasher;
        _policy = policy;
        _sessions = sessions;
        _refresh = refresh;
        _totp = totp;
        _time = timeProvider;
        _events = events;
    }

    /// <summary>Creates an account after checking the password against the policy.</summary>
    /// <param name="userName">The sign-in name (1 to 256 characters).</param>
    /// <param name="password">The initial password.</param>
    /// <param name="roles">The role names.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account, or why it was not created.</returns>
    public async ValueTask<UserCreationResult> CreateAsync(string userName, string password, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(userName.Length, SecurityPrincipal.MaxNameLength, nameof(userName));
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(roles);
        var violation = _policy.Check(password, userName);
        if (violation != PasswordPolicyViolation.None)
        {
            return new UserCreationResult(null, violation, false);
        }

        if (await _users.FindByNameAsync(UserAccount.Normalize(userName), cancellationToken).ConfigureAwait(false) is not null)
        {
            return new UserCreationResult(null, PasswordPolicyViolation.None, true);
        }

        var hash = await _hasher.HashAsync(password, cancellationToken).ConfigureAwait(false);
        var account = new UserAccount("u_" + SigningKey.Base64UrlEncode(RandomNumberGenerator.GetBytes(12)), userName, hash, [.. roles], WholeSecondNow());
        return await _users.TryAddAsync(account, cancellationToken).ConfigureAwait(false)
            ? new UserCreationResult(account, PasswordPolicyViolation.None, false)
            : new UserCreationResult(null, PasswordPolicyViolation.None, true);
    }

    /// <summary>Enrols (or replaces) a TOTP authenticator for an account.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The secret, URI and recovery codes to show once.</returns>
    /// <exception cref="InvalidOperationException">The account is unknown.</exception>
    public async ValueTask<TotpEnrollmentResult> EnrollTotpAsync(string subject, CancellationToken cancellationToken = default)
    {
        var user = await _users.FindBySubjectAsync(subject, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("No account has this subject id; create the account before enrolling an authenticator.");
        return await _totp.EnrollAsync(subject, user.UserName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes a password; the user's other sessions, refresh tokens and earlier access tokens are revoked.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="currentPassword">The current password.</param>
    /// <param name="newPassword">The new password.</param>
    /// <param name="keepSessionId">The session making the change, kept alive (it must get new tokens); <see langword="null"/> to revoke all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    public async ValueTask<PasswordChangeResult> ChangePasswordAsync(string subject, string currentPassword, string newPassword, string? keepSessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        var user = await _users.FindBySubjectAsync(subject, cancellationToken).ConfigureAwait(false);
        if (user is null || await _hasher.VerifyAsync(currentPassword, user.PasswordHash, cancellationToken).ConfigureAwait(false) == PasswordVerificationResult.Failed)
        {
            await PublishAsync(subject, SecurityOutcome.Failure, "wrong-password", cancellationToken).ConfigureAwait(false);
            return PasswordChangeResult.WrongPassword;
        }

        if (_policy.Check(newPassword, user.UserName) != PasswordPolicyViolation.None)
        {
            await PublishAsync(subject, SecurityOutcome.Failure, "policy", cancellationToken).ConfigureAwait(false);
            return PasswordChangeResult.PolicyViolation;
        }

        var hash = await _hasher.HashAsync(newPassword, cancellationToken).ConfigureAwait(false);
        await _users.UpdateAsync(user with { PasswordHash = hash, CredentialsChangedAt = WholeSecondNow() }, cancellationToken).ConfigureAwait(false);
        await RevokeOthersAsync(subject, keepSessionId, "password-changed", cancellationToken).ConfigureAwait(false);
        await PublishAsync(subject, SecurityOutcome.Success, null, cancellationToken).ConfigureAwait(false);
        return PasswordChangeResult.Succeeded;
    }

    /// <summary>Replaces an account's roles; access tokens issued before the change stop validating.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="roles">The new role names.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the account exists and was changed.</returns>
    public async ValueTask<bool> SetRolesAsync(string subject, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(roles);
        var user = await _users.FindBySubjectAsync(subject, cancellationToken).ConfigureAwait(false);
        return user is not null && await _users.UpdateAsync(user with { Roles = [.. roles], CredentialsChangedAt = WholeSecondNow() }, cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask RevokeOthersAsync(string subject, string? keepSessionId, string reason, CancellationToken cancellationToken)
    {
        foreach (var s in await ListSessionIdsAsync(subject, keepSessionId, cancellationToken).ConfigureAwait(false))
        {
            await _refresh.RevokeAsync(subject, s, cancellationToken).ConfigureAwait(false);
        }

        await _sessions.RevokeAllAsync(subject, reason, keepSessionId, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<List<string>> ListSessionIdsAsync(string subject, string? keep, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var s in await _sessions.ListAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(s.SessionId, keep, StringComparison.Ordinal))
            {
                ids.Add(s.SessionId);
            }
        }

        return ids;
    }

    // Token times are whole seconds; a change stamped at a whole second keeps tokens issued after it in the same second valid.
    private DateTimeOffset WholeSecondNow() => DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());

    private ValueTask PublishAsync(string subject, SecurityOutcome outcome, string? reason, CancellationToken cancellationToken) =>
        AuthEvents.PublishAsync(_events, SecurityEventTypes.PasswordChanged, _time.GetUtcNow(), subject, outcome, reason, cancellationToken);
}
