using Microsoft.Extensions.Options;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth;

/// <summary>Refuses settings that pass their ranges but are insecure or contradict each other.</summary>
internal sealed class AuthOptionsConsistencyValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (Argon2idPasswordHasher.Check(options.PasswordHashing) is { } hashing)
        {
            failures.Add(hashing);
        }

        var t = options.AccessTokens;
        if (t.Lifetime > t.MaxLifetime)
        {
            failures.Add("AccessTokens.Lifetime must not exceed AccessTokens.MaxLifetime, or issued tokens would be refused.");
        }

        if (t.KeyRotationInterval <= t.MaxLifetime)
        {
            failures.Add("AccessTokens.KeyRotationInterval must be longer than AccessTokens.MaxLifetime, so a key signs for longer than its tokens live.");
        }

        if (t.FleetSigningSecret is { } fleet)
        {
            if (AccessTokenOptions.DecodeFleetSecret(fleet) is { } decoded)
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(decoded);
            }
            else
            {
                failures.Add($"AccessTokens.FleetSigningSecret must be base64 of {SigningKey.MinimumHmacSecretBytes} to {AccessTokenOptions.MaxFleetSecretBytes} random bytes (the value is not shown).");
            }
        }

        if (options.Sessions.IdleTimeout > options.Sessions.AbsoluteTimeout)
        {
            failures.Add("Sessions.IdleTimeout must not exceed Sessions.AbsoluteTimeout.");
        }

        if (options.RefreshTokens.AbsoluteLifetime > options.Sessions.AbsoluteTimeout)
        {
            failures.Add("RefreshTokens.AbsoluteLifetime must not exceed Sessions.AbsoluteTimeout: a refresh token would outlive its session.");
        }

        if (options.Lockout.MaxLockoutDuration < options.Lockout.LockoutDuration)
        {
            failures.Add("Lockout.MaxLockoutDuration must be at least Lockout.LockoutDuration.");
        }

        if (options.PasswordPolicy.MinimumLength > options.PasswordPolicy.MaximumLength)
        {
            failures.Add("PasswordPolicy.MinimumLength must not exceed PasswordPolicy.MaximumLength.");
        }

        if (options.Totp.RequiredForRoles?.Any(string.IsNullOrWhiteSpace) == true)
        {
            failures.Add("Totp.RequiredForRoles must not contain empty role names.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
