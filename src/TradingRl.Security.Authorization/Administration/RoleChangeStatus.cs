namespace TradingRl.Security.Authorization;

/// <summary>The outcome of a role assignment or removal.</summary>
public enum RoleChangeStatus
{
    /// <summary>The role was assigned.</summary>
    Assigned = 0,

    /// <summary>The role was removed.</summary>
    Removed = 1,

    /// <summary>Nothing changed: the user already held the role.</summary>
    AlreadyAssigned = 2,

    /// <summary>Nothing changed: the user did not hold the role.</summary>
    NotAssigned = 3,

    /// <summary>Refused: the actor may not manage users (no <c>users.manage</c>, no recent second factor, or a rule forbids).</summary>
    NotPermitted = 10,

    /// <summary>Refused: nobody changes their own roles.</summary>
    SelfAssignment = 11,

    /// <summary>Refused: the actor does not hold the role, directly or by inheritance.</summary>
    RoleNotHeld = 12,

    /// <summary>Refused: the role grants a permission the actor does not hold.</summary>
    ExceedsOwnPermissions = 13,

    /// <summary>Refused: the role is not defined.</summary>
    UnknownRole = 14,

    /// <summary>Refused: the user belongs to another desk than the actor's.</summary>
    CrossDesk = 15,

    /// <summary>Refused: the user would hold two mutually exclusive roles.</summary>
    ExclusiveRoles = 16,

    /// <summary>Refused: other changes to the same user kept coming first; retry.</summary>
    Conflict = 17,
}
