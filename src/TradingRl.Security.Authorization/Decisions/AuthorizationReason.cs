namespace TradingRl.Security.Authorization;

/// <summary>Why a decision allowed or denied.</summary>
public enum AuthorizationReason
{
    /// <summary>No decision was made (the default value of <see cref="AuthorizationDecision"/>): denies.</summary>
    NotEvaluated = 0,

    /// <summary>Allowed: a role grants the permission and no permit rule governs it.</summary>
    GrantedByRole = 1,

    /// <summary>Allowed: a role grants the permission and a permit rule is satisfied.</summary>
    PermittedByRule = 2,

    /// <summary>Denied: the permission is the default value or not in the catalog.</summary>
    UnknownPermission = 10,

    /// <summary>Denied: none of the principal's roles grants the permission.</summary>
    PermissionNotGranted = 11,

    /// <summary>Denied: the permission needs a recent second factor, and the principal has none.</summary>
    StepUpRequired = 12,

    /// <summary>Denied: the resource belongs to another desk than the principal's.</summary>
    CrossDesk = 13,

    /// <summary>Denied: the principal may not act for the account.</summary>
    AccountNotPermitted = 14,

    /// <summary>Denied: a forbid rule is satisfied.</summary>
    ForbiddenByRule = 15,

    /// <summary>Denied: a forbid rule could not be evaluated (a missing or malformed attribute), which denies.</summary>
    ForbidRuleNotEvaluable = 16,

    /// <summary>Denied: permit rules govern the permission and none is satisfied.</summary>
    NoPermitMatched = 17,
}
