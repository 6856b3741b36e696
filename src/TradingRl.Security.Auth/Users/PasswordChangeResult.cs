namespace TradingRl.Security.Auth.Users;

/// <summary>The outcome of a password change.</summary>
public enum PasswordChangeResult
{
    /// <summary>Changed; the user's other sessions and their tokens were revoked.</summary>
    Succeeded = 0,

    /// <summary>The current password was wrong, or the account is unknown.</summary>
    WrongPassword = 1,

    /// <summary>The new password breaks the password policy.</summary>
    PolicyViolation = 2,
}
