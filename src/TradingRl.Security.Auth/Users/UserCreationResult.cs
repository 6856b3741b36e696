using TradingRl.Security.Auth.Passwords;

namespace TradingRl.Security.Auth.Users;

/// <summary>The outcome of creating an account.</summary>
/// <param name="Account">The account when created.</param>
/// <param name="Violation">Why the password was refused, when it was.</param>
/// <param name="NameTaken">Whether the sign-in name is taken.</param>
public sealed record UserCreationResult(UserAccount? Account, PasswordPolicyViolation Violation, bool NameTaken)
{
    /// <summary>Gets a value indicating whether the account was created.</summary>
    public bool Succeeded => Account is not null;
}
