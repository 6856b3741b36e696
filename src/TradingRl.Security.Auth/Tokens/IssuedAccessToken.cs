namespace TradingRl.Security.Auth.Tokens;

/// <summary>A signed access token and its facts.</summary>
/// <param name="Token">The compact JWS; a bearer credential, never to be logged.</param>
/// <param name="TokenId">The token's <c>jti</c>.</param>
/// <param name="KeyId">The <c>kid</c> of the key that signed it.</param>
/// <param name="ExpiresAt">When it expires (<c>exp</c>).</param>
public sealed record IssuedAccessToken(string Token, string TokenId, string KeyId, DateTimeOffset ExpiresAt)
{
    /// <inheritdoc/>
    public override string ToString() => $"IssuedAccessToken({TokenId}, expires {ExpiresAt:O})";
}
