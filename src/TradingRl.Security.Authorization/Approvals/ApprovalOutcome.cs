namespace TradingRl.Security.Authorization;

/// <summary>The outcome of a maker-checker call.</summary>
public enum ApprovalOutcome
{
    /// <summary>The request was recorded and waits for a checker.</summary>
    Submitted = 0,

    /// <summary>The request was approved.</summary>
    Approved = 1,

    /// <summary>The request was rejected.</summary>
    Rejected = 2,

    /// <summary>Refused: the user is not authorized for the change or for approving it (the decision says why).</summary>
    NotPermitted = 10,

    /// <summary>Refused: the permission is not under dual control.</summary>
    NotDualControlled = 11,

    /// <summary>Refused: the maker cannot decide their own request, whatever their roles.</summary>
    SelfApproval = 12,

    /// <summary>Refused: no request has that id.</summary>
    NotFound = 13,

    /// <summary>Refused: the request was already decided.</summary>
    NotPending = 14,

    /// <summary>Refused: the request lapsed; it is now <see cref="ApprovalStatus.Expired"/>.</summary>
    Expired = 15,
}
