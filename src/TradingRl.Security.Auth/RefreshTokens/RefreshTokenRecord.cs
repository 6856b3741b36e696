namespace TradingRl.Security.Auth.RefreshTokens;

/// <summary>A stored refresh token: only its hash, its family and its limits.</summary>
/// <param name="TokenHash">The SHA-256 of the token, base64url; the token itself is never stored.</param>
/// <param name="FamilyId">The family: every token rotated from one sign-in.</param>
/// <param name="Subject">The subject id.</param>
/// <param name="SessionId">The session it belongs to.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="IdleExpiresAt">When it expires unused.</param>
/// <param name="FamilyExpiresAt">When the whole family expires.</param>
public sealed record RefreshTokenRecord(
    string TokenHash,
    string FamilyId,
    string Subject,
    string SessionId,
    DateTimeOffset IssuedAt,
    DateTimeOffset IdleExpiresAt,
    DateTimeOffset FamilyExpiresAt)
{
    /// <summary>Gets when it was used (rotated); <see langword="null"/> while unused.</summary>
    public DateTimeOffset? UsedAt { get; init; }
}
