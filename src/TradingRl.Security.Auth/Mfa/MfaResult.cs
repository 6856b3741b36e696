namespace TradingRl.Security.Auth.Mfa;

/// <summary>The outcome of checking a second factor.</summary>
public enum MfaResult
{
    /// <summary>The code was accepted.</summary>
    Succeeded = 0,

    /// <summary>The code is wrong or not exactly the expected number of ASCII digits.</summary>
    Invalid = 1,

    /// <summary>The code was right but for a step already used (a replay), or lost a race with the same code.</summary>
    Replayed = 2,

    /// <summary>The user has no authenticator enrolled.</summary>
    NotEnrolled = 3,

    /// <summary>Too many wrong codes recently; no code is checked until the window passes.</summary>
    TooManyAttempts = 4,
}
