namespace TradingRl.Security.Auth.Tokens;

/// <summary>Tells the token validator whether a token's session or credentials have been revoked since it was issued.</summary>
/// <remarks>The default checks the session store (revoked, idle or past its absolute limit) and the user's last password or role change.</remarks>
public interface IAccessTokenRevocation
{
    /// <summary>Tells whether a token of a subject and session, issued at <paramref name="issuedAt"/>, is revoked.</summary>
    /// <param name="subject">The token's <c>sub</c>.</param>
    /// <param name="sessionId">The token's <c>sid</c>.</param>
    /// <param name="issuedAt">The token's <c>iat</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the token must be refused.</returns>
    ValueTask<bool> IsRevokedAsync(string subject, string sessionId, DateTimeOffset issuedAt, CancellationToken cancellationToken = default);
}
