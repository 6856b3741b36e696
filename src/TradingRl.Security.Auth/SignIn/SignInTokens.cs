namespace TradingRl.Security.Auth.SignIn;

/// <summary>What a completed sign-in or refresh hands to the client.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="AccessToken">The access token (a bearer credential, never logged).</param>
/// <param name="AccessTokenExpiresAt">When the access token expires.</param>
/// <param name="RefreshToken">The refresh token (a secret, never logged).</param>
/// <param name="RefreshTokenExpiresAt">When the refresh token expires unused.</param>
public sealed record SignInTokens(string SessionId, string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt)
{
    /// <inheritdoc/>
    public override string ToString() => $"SignInTokens({SessionId}, tokens redacted)";
}
