namespace TradingRl.Security.Auth.RefreshTokens;

/// <summary>The outcome of presenting a refresh token.</summary>
public enum RefreshStatus
{
    /// <summary>The token was rotated: a new one replaces it.</summary>
    Succeeded = 0,

    /// <summary>The token is unknown or malformed.</summary>
    Invalid = 1,

    /// <summary>The token passed its idle or absolute limit.</summary>
    Expired = 2,

    /// <summary>The token's family was revoked (sign-out, password change, containment, or an earlier reuse).</summary>
    Revoked = 3,

    /// <summary>The token had been used already (or lost a race with a concurrent use): its whole family is now revoked.</summary>
    Reused = 4,
}
