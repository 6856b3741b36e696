namespace TradingRl.Security.Auth.Mfa;

/// <summary>What a user receives once at enrolment: the secret for the authenticator app and the recovery codes.</summary>
/// <param name="SecretBase32">The TOTP secret in Base32, for manual entry; show once, never store or log.</param>
/// <param name="OtpAuthUri">The <c>otpauth://totp/...</c> enrolment URI (for a QR code); holds the secret.</param>
/// <param name="RecoveryCodes">Single-use recovery codes; show once, stored only hashed.</param>
public sealed record TotpEnrollmentResult(string SecretBase32, string OtpAuthUri, IReadOnlyList<string> RecoveryCodes)
{
    /// <inheritdoc/>
    public override string ToString() => "TotpEnrollmentResult(secret and recovery codes redacted)";
}
