namespace TradingRl.Security.Auth.SignIn;

/// <summary>Where a sign-in stands.</summary>
public enum SignInStatus
{
    /// <summary>Signed in: a session and tokens were issued.</summary>
    Succeeded = 0,

    /// <summary>The password was right; the second factor is needed (see <see cref="SignInResult.ChallengeId"/>).</summary>
    MfaRequired = 1,

    /// <summary>Wrong user name or password (the two are not told apart), or an invalid, expired or used challenge or refresh token.</summary>
    Failed = 2,

    /// <summary>The account is locked (see <see cref="SignInResult.RetryAfter"/>); unknown names lock and answer the same way.</summary>
    LockedOut = 3,

    /// <summary>Too many failures from the source address.</summary>
    Throttled = 4,

    /// <summary>The second factor was wrong, replayed or attempted too often.</summary>
    MfaFailed = 5,

    /// <summary>The user's role needs a second factor and none is enrolled: no tokens are issued until one is.</summary>
    MfaEnrollmentRequired = 6,
}
