namespace TradingRl.Security.Auth.SignIn;

/// <summary>A pending sign-in waiting for its second factor.</summary>
/// <param name="ChallengeHash">The SHA-256 of the challenge id (base64url); the id itself is not stored.</param>
/// <param name="Subject">The subject whose password was verified.</param>
/// <param name="PasswordVerifiedAt">When the password was verified.</param>
/// <param name="ExpiresAt">When the challenge lapses.</param>
/// <param name="SourceAddress">The address of the sign-in, when known.</param>
public sealed record MfaChallenge(string ChallengeHash, string Subject, DateTimeOffset PasswordVerifiedAt, DateTimeOffset ExpiresAt, string? SourceAddress);
