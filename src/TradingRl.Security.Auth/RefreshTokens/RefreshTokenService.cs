using System.Security.Cryptography;
using System.Text;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.RefreshTokens;

/// <summary>Issues opaque 256-bit refresh tokens and rotates them, revoking the family when a used token comes back (RFC 9700 section 4.14.2).</summary>
/// <remarks>Thread-safe. Of concurrent refreshes with one token, exactly one succeeds; the others count as reuse.</remarks>
public sealed class RefreshTokenService
{
    private const string Prefix = "rt_";

    // "rt_" + 43 base64url characters (32 bytes).
    private const int TokenLength = 46;

    private readonly RefreshTokenOptions _options;
    private readonly IRefreshTokenStore _store;
    private readonly TimeProvider _time;
    private readonly ISecurityEventPublisher? _events;

    /// <summary>Initializes the service.</summary>
    /// <param name="options">The refresh-token settings.</param>
    /// <param name="store">The store.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="events">Receives <c>auth.refresh.reused</c>; none when omitted.</param>
    public RefreshTokenService(RefreshTokenOptions options, IRefreshTokenStore store, TimeProvider timeProvider, ISecurityEventPublisher? events = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _store = store;
        _time = timeProvider;
        _events = events;
    }

    /// <summary>Issues the first token of a new family for a session.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token and its record.</returns>
    public async ValueTask<RefreshResult> IssueAsync(string subject, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var now = _time.GetUtcNow();
        var family = SigningKey.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        return await AddAsync(subject, sessionId, family, now, now + _options.AbsoluteLifetime, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Presents a refresh token: rotates it, or refuses it with a reason.</summary>
    /// <param name="token">The token as presented.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome; never throws on a bad token.</returns>
    public async ValueTask<RefreshResult> RotateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length != TokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new RefreshResult(RefreshStatus.Invalid, null, null);
        }

        var hash = Hash(token);
        var record = await _store.FindAsync(hash, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new RefreshResult(RefreshStatus.Invalid, null, null);
        }

        if (await _store.IsFamilyRevokedAsync(record.FamilyId, cancellationToken).ConfigureAwait(false))
        {
            return new RefreshResult(RefreshStatus.Revoked, null, record);
        }

        var now = _time.GetUtcNow();
        if (record.UsedAt is null && (now >= record.IdleExpiresAt || now >= record.FamilyExpiresAt))
        {
            return new RefreshResult(RefreshStatus.Expired, null, record);
        }

        if (record.UsedAt is not null || !await _store.TryMarkUsedAsync(hash, now, cancellationToken).ConfigureAwait(false))
        {
            await _store.RevokeFamilyAsync(record.FamilyId, cancellationToken).ConfigureAwait(false);
            await AuthEvents.PublishAsync(
                _events, SecurityEventTypes.RefreshTokenReused, now, record.Subject, SecurityOutcome.Denied, "reused", cancellationToken, resource: "refresh-family/" + record.FamilyId)
                .ConfigureAwait(false);

            return new RefreshResult(RefreshStatus.Reused, null, record);
        }

        return await AddAsync(record.Subject, record.SessionId, record.FamilyId, now, record.FamilyExpiresAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes every refresh-token family of a subject, or of one session.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="sessionId">The session, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of families revoked.</returns>
    public ValueTask<int> RevokeAsync(string subject, string? sessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return _store.RevokeForSubjectAsync(subject, sessionId, cancellationToken);
    }

    internal static string Hash(string token)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(token), digest);
        return SigningKey.Base64UrlEncode(digest);
    }

    private async ValueTask<RefreshResult> AddAsync(string subject, string sessionId, string family, DateTimeOffset now, DateTimeOffset familyExpires, CancellationToken cancellationToken)
    {
        var token = Prefix + SigningKey.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var idle = now + _options.IdleTimeout;
        var record = new RefreshTokenRecord(Hash(token), family, subject, sessionId, now, idle < familyExpires ? idle : familyExpires, familyExpires);
        await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
        return new RefreshResult(RefreshStatus.Succeeded, token, record);
    }
}
