namespace TradingRl.Security.Auth.Tokens;

/// <summary>The outcome of validating an access token: the principal, or the reason it was refused.</summary>
public readonly record struct AccessTokenValidationResult
{
    private AccessTokenValidationResult(SecurityPrincipal? principal, TokenRejectionReason reason, DateTimeOffset expiresAt)
    {
        Principal = principal;
        Reason = reason;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets a value indicating whether the token was accepted.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Principal))]
    public bool IsValid => Principal is not null;

    /// <summary>Gets the principal when accepted.</summary>
    public SecurityPrincipal? Principal { get; }

    /// <summary>Gets why the token was refused; <see cref="TokenRejectionReason.None"/> when accepted.</summary>
    public TokenRejectionReason Reason { get; }

    /// <summary>Gets when the token expires (the default value when refused).</summary>
    public DateTimeOffset ExpiresAt { get; }

    internal static AccessTokenValidationResult Accepted(SecurityPrincipal principal, DateTimeOffset expiresAt) => new(principal, TokenRejectionReason.None, expiresAt);

    internal static AccessTokenValidationResult Rejected(TokenRejectionReason reason) => new(null, reason, default);
}
