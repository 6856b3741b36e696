namespace TradingRl.Security.Authorization;

/// <summary>Where a maker-checker request stands.</summary>
public enum ApprovalStatus
{
    /// <summary>Waiting for a checker.</summary>
    Pending = 0,

    /// <summary>Approved by a checker other than the maker.</summary>
    Approved = 1,

    /// <summary>Rejected by a checker.</summary>
    Rejected = 2,

    /// <summary>Not decided within the approval lifetime.</summary>
    Expired = 3,
}
