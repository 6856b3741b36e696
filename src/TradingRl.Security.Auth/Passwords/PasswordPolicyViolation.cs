namespace TradingRl.Security.Auth.Passwords;

/// <summary>Why a new password was refused.</summary>
public enum PasswordPolicyViolation
{
    /// <summary>The password is acceptable.</summary>
    None = 0,

    /// <summary>Fewer characters than <see cref="PasswordPolicyOptions.MinimumLength"/>.</summary>
    TooShort = 1,

    /// <summary>More characters than <see cref="PasswordPolicyOptions.MaximumLength"/>.</summary>
    TooLong = 2,

    /// <summary>The password is a common or breached password, or a close variant of one.</summary>
    Common = 3,

    /// <summary>The password contains the user name or is built from context words.</summary>
    ContextSpecific = 4,

    /// <summary>The password is easy to guess (below <see cref="PasswordPolicyOptions.MinimumStrengthScore"/>).</summary>
    TooWeak = 5,

    /// <summary>The password is not valid Unicode text or contains control characters.</summary>
    InvalidCharacters = 6,
}
