using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth;

/// <summary>Settings of the Auth package: issuer and audience, and one section per concept.</summary>
public sealed class AuthOptions
{
    /// <summary>Gets or sets the token issuer (<c>iss</c>), e.g. <c>desk-gateway</c>.</summary>
    /// <value>Required; 1 to 256 characters.</value>
    [Required]
    [StringLength(256, MinimumLength = 1)]
    public string Issuer { get; set; } = string.Empty;

    /// <summary>Gets or sets the token audience (<c>aud</c>), e.g. <c>trading-api</c>.</summary>
    /// <value>Required; 1 to 256 characters.</value>
    [Required]
    [StringLength(256, MinimumLength = 1)]
    public string Audience { get; set; } = string.Empty;

    /// <summary>Gets the password-hashing settings.</summary>
    [ValidateObjectMembers]
    public PasswordHashingOptions PasswordHashing { get; } = new();

    /// <summary>Gets the password policy.</summary>
    [ValidateObjectMembers]
    public PasswordPolicyOptions PasswordPolicy { get; } = new();

    /// <summary>Gets the access-token settings.</summary>
    [ValidateObjectMembers]
    public AccessTokenOptions AccessTokens { get; } = new();

    /// <summary>Gets the refresh-token settings.</summary>
    [ValidateObjectMembers]
    public RefreshTokenOptions RefreshTokens { get; } = new();

    /// <summary>Gets the TOTP and MFA-policy settings.</summary>
    [ValidateObjectMembers]
    public TotpOptions Totp { get; } = new();

    /// <summary>Gets the session settings.</summary>
    [ValidateObjectMembers]
    public SessionOptions Sessions { get; } = new();

    /// <summary>Gets the lockout and throttling settings.</summary>
    [ValidateObjectMembers]
    public LockoutOptions Lockout { get; } = new();
}
