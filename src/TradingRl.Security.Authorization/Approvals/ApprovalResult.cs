namespace TradingRl.Security.Authorization;

/// <summary>The outcome of a maker-checker call, with the request and the authorization decision behind it.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Request">The request as it stands after the call, when known.</param>
/// <param name="Decision">The authorization decision of the maker or checker, when one was made.</param>
public sealed record ApprovalResult(ApprovalOutcome Outcome, ApprovalRequest? Request, AuthorizationDecision Decision = default)
{
    /// <summary>Gets a value indicating whether the call did what was asked.</summary>
    public bool Succeeded => Outcome <= ApprovalOutcome.Rejected;
}
