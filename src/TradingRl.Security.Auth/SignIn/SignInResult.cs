namespace TradingRl.Security.Auth.SignIn;

/// <summary>The outcome of a sign-in step.</summary>
/// <param name="Status">Where the sign-in stands.</param>
public sealed record SignInResult(SignInStatus Status)
{
    /// <summary>Gets the challenge to answer with the second factor when <see cref="SignInStatus.MfaRequired"/>.</summary>
    public string? ChallengeId { get; init; }

    /// <summary>Gets the session and tokens when <see cref="SignInStatus.Succeeded"/>.</summary>
    public SignInTokens? Tokens { get; init; }

    /// <summary>Gets the subject when the account is known and the step succeeded.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets when to try again when locked out.</summary>
    public DateTimeOffset? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether the sign-in is complete.</summary>
    public bool Succeeded => Status == SignInStatus.Succeeded;

    /// <inheritdoc/>
    public override string ToString() => $"SignInResult({Status})";
}
