using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization;

/// <summary>The event types this package adds to the catalog, besides Core's <c>authz.*</c> types.</summary>
public static class AuthorizationEventTypes
{
    /// <summary><c>authz.approval.requested</c>: A change under dual control was submitted for approval.</summary>
    public static readonly SecurityEventDescriptor ApprovalRequested = new(
        "authz.approval.requested", SecurityEventCategory.Authorization, SecuritySeverity.Low, "A change under dual control was submitted for approval.");

    /// <summary><c>authz.approval.decided</c>: A change under dual control was approved, rejected or lapsed.</summary>
    public static readonly SecurityEventDescriptor ApprovalDecided = new(
        "authz.approval.decided", SecurityEventCategory.Authorization, SecuritySeverity.Medium, "A change under dual control was approved, rejected or lapsed.");
}
