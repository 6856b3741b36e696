namespace TradingRl.Security.Auth.Passwords;

/// <summary>The outcome of checking a password against a stored hash.</summary>
public enum PasswordVerificationResult
{
    /// <summary>The password does not match, or the stored hash is malformed or costs more than the policy allows.</summary>
    Failed = 0,

    /// <summary>The password matches.</summary>
    Success = 1,

    /// <summary>The password matches, but the stored hash uses weaker parameters than the policy: store a new hash.</summary>
    SuccessRehashNeeded = 2,
}
