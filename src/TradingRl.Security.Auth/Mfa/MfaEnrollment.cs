namespace TradingRl.Security.Auth.Mfa;

/// <summary>A user's stored second factor: the protected TOTP secret, its last accepted step, and recovery-code hashes.</summary>
/// <param name="ProtectedSecret">The TOTP secret as protected by <see cref="ISecretProtector"/>; never plaintext.</param>
/// <param name="Algorithm">The HMAC hash.</param>
/// <param name="Digits">The code length.</param>
/// <param name="LastAcceptedStep">The last time step a code was accepted for; codes for it or earlier steps are replays.</param>
/// <param name="RecoveryCodeHashes">SHA-256 hashes (base64url) of the unused recovery codes.</param>
public sealed record MfaEnrollment(
    byte[] ProtectedSecret,
    TotpAlgorithm Algorithm,
    int Digits,
    long LastAcceptedStep,
    IReadOnlyList<string> RecoveryCodeHashes);
