namespace TradingRl.Security.Events;

/// <summary>The built-in event types: those the seed asks to monitor (sections 6.1 and 6.2) and those the trading controls publish.</summary>
/// <remarks>Default severities follow the seed's alert table where it names the event; a host can publish with another severity.</remarks>
public static class SecurityEventTypes
{
    /// <summary><c>auth.login.succeeded</c>: A user or agent signed in.</summary>
    public static readonly SecurityEventDescriptor LoginSucceeded = new("auth.login.succeeded", SecurityEventCategory.Authentication, SecuritySeverity.Info, "A user or agent signed in.");

    /// <summary><c>auth.login.failed</c>: A sign-in failed (wrong password, unknown user or locked account).</summary>
    public static readonly SecurityEventDescriptor LoginFailed = new("auth.login.failed", SecurityEventCategory.Authentication, SecuritySeverity.Low, "A sign-in failed (wrong password, unknown user or locked account).");

    /// <summary><c>auth.account.locked</c>: An account was locked after repeated failures.</summary>
    public static readonly SecurityEventDescriptor AccountLocked = new("auth.account.locked", SecurityEventCategory.Authentication, SecuritySeverity.High, "An account was locked after repeated failures.");

    /// <summary><c>auth.account.unlocked</c>: A locked account was unlocked.</summary>
    public static readonly SecurityEventDescriptor AccountUnlocked = new("auth.account.unlocked", SecurityEventCategory.Authentication, SecuritySeverity.Medium, "A locked account was unlocked.");

    /// <summary><c>auth.password.changed</c>: A password was changed.</summary>
    public static readonly SecurityEventDescriptor PasswordChanged = new("auth.password.changed", SecurityEventCategory.Authentication, SecuritySeverity.Medium, "A password was changed.");

    /// <summary><c>auth.mfa.failed</c>: A multi-factor code was refused.</summary>
    public static readonly SecurityEventDescriptor MfaFailed = new("auth.mfa.failed", SecurityEventCategory.Authentication, SecuritySeverity.Medium, "A multi-factor code was refused.");

    /// <summary><c>auth.mfa.enrolled</c>: A multi-factor authenticator was enrolled or replaced.</summary>
    public static readonly SecurityEventDescriptor MfaEnrolled = new("auth.mfa.enrolled", SecurityEventCategory.Authentication, SecuritySeverity.Medium, "A multi-factor authenticator was enrolled or replaced.");

    /// <summary><c>auth.refresh.reused</c>: A refresh token was presented again after use; its whole family was revoked.</summary>
    public static readonly SecurityEventDescriptor RefreshTokenReused = new("auth.refresh.reused", SecurityEventCategory.Authentication, SecuritySeverity.Critical, "A refresh token was presented again after use; its whole family was revoked.");

    /// <summary><c>auth.token.rejected</c>: An access token failed validation.</summary>
    public static readonly SecurityEventDescriptor TokenRejected = new("auth.token.rejected", SecurityEventCategory.Authentication, SecuritySeverity.Medium, "An access token failed validation.");

    /// <summary><c>auth.session.created</c>: A session was created.</summary>
    public static readonly SecurityEventDescriptor SessionCreated = new("auth.session.created", SecurityEventCategory.Authentication, SecuritySeverity.Info, "A session was created.");

    /// <summary><c>auth.session.revoked</c>: A session was revoked.</summary>
    public static readonly SecurityEventDescriptor SessionRevoked = new("auth.session.revoked", SecurityEventCategory.Authentication, SecuritySeverity.Low, "A session was revoked.");

    /// <summary><c>authz.permission.changed</c>: A role's permissions were changed.</summary>
    public static readonly SecurityEventDescriptor PermissionChanged = new("authz.permission.changed", SecurityEventCategory.Authorization, SecuritySeverity.Medium, "A role's permissions were changed.");

    /// <summary><c>authz.role.assigned</c>: A role was assigned to a user.</summary>
    public static readonly SecurityEventDescriptor RoleAssigned = new("authz.role.assigned", SecurityEventCategory.Authorization, SecuritySeverity.Medium, "A role was assigned to a user.");

    /// <summary><c>authz.role.removed</c>: A role was removed from a user.</summary>
    public static readonly SecurityEventDescriptor RoleRemoved = new("authz.role.removed", SecurityEventCategory.Authorization, SecuritySeverity.Medium, "A role was removed from a user.");

    /// <summary><c>authz.access.denied</c>: An action was refused by authorization (an unauthorized access attempt).</summary>
    public static readonly SecurityEventDescriptor AccessDenied = new("authz.access.denied", SecurityEventCategory.Authorization, SecuritySeverity.High, "An action was refused by authorization (an unauthorized access attempt).");

    /// <summary><c>authz.privilege.escalation</c>: Someone tried to grant a role or permission they do not hold, or to approve their own request.</summary>
    public static readonly SecurityEventDescriptor PrivilegeEscalation = new("authz.privilege.escalation", SecurityEventCategory.Authorization, SecuritySeverity.Critical, "Someone tried to grant a role or permission they do not hold, or to approve their own request.");

    /// <summary><c>api.rate_limit.exceeded</c>: A request was refused by a rate limit.</summary>
    public static readonly SecurityEventDescriptor RateLimitExceeded = new("api.rate_limit.exceeded", SecurityEventCategory.Api, SecuritySeverity.High, "A request was refused by a rate limit.");

    /// <summary><c>api.validation.failed</c>: A request failed input validation.</summary>
    public static readonly SecurityEventDescriptor InputValidationFailed = new("api.validation.failed", SecurityEventCategory.Api, SecuritySeverity.High, "A request failed input validation.");

    /// <summary><c>api.headers.violation</c>: A response lacked a required security header or a request broke a header policy.</summary>
    public static readonly SecurityEventDescriptor SecurityHeaderViolation = new("api.headers.violation", SecurityEventCategory.Api, SecuritySeverity.High, "A response lacked a required security header or a request broke a header policy.");

    /// <summary><c>api.abuse.detected</c>: A suspicious API usage pattern was detected.</summary>
    public static readonly SecurityEventDescriptor ApiAbuseDetected = new("api.abuse.detected", SecurityEventCategory.Api, SecuritySeverity.High, "A suspicious API usage pattern was detected.");

    /// <summary><c>api.request</c>: An API request was served (the request audit record).</summary>
    public static readonly SecurityEventDescriptor ApiRequest = new("api.request", SecurityEventCategory.Api, SecuritySeverity.Info, "An API request was served (the request audit record).");

    /// <summary><c>data.access</c>: Classified data was read or decrypted.</summary>
    public static readonly SecurityEventDescriptor DataAccessed = new("data.access", SecurityEventCategory.Data, SecuritySeverity.Info, "Classified data was read or decrypted.");

    /// <summary><c>data.encryption.failed</c>: Encryption or decryption failed (tampering, a wrong or revoked key).</summary>
    public static readonly SecurityEventDescriptor EncryptionFailed = new("data.encryption.failed", SecurityEventCategory.Data, SecuritySeverity.Critical, "Encryption or decryption failed (tampering, a wrong or revoked key).");

    /// <summary><c>data.classification.violation</c>: Data was handled below its classification's requirements.</summary>
    public static readonly SecurityEventDescriptor ClassificationViolation = new("data.classification.violation", SecurityEventCategory.Data, SecuritySeverity.High, "Data was handled below its classification's requirements.");

    /// <summary><c>data.leakage.detected</c>: Data left, or tried to leave, where it may not go.</summary>
    public static readonly SecurityEventDescriptor DataLeakageDetected = new("data.leakage.detected", SecurityEventCategory.Data, SecuritySeverity.Critical, "Data left, or tried to leave, where it may not go.");

    /// <summary><c>data.key.rotated</c>: An encryption or signing key was rotated, rewrapped or revoked.</summary>
    public static readonly SecurityEventDescriptor KeyRotated = new("data.key.rotated", SecurityEventCategory.Data, SecuritySeverity.Medium, "An encryption or signing key was created, rotated, rewrapped or revoked.");

    /// <summary><c>data.subject.erased</c>: A data subject's key was erased (crypto-shredding).</summary>
    public static readonly SecurityEventDescriptor SubjectErased = new("data.subject.erased", SecurityEventCategory.Data, SecuritySeverity.Medium, "A data subject's key was erased (crypto-shredding).");

    /// <summary><c>system.access.attempt</c>: Someone tried to reach an administrative surface.</summary>
    public static readonly SecurityEventDescriptor SystemAccessAttempt = new("system.access.attempt", SecurityEventCategory.System, SecuritySeverity.Medium, "Someone tried to reach an administrative surface.");

    /// <summary><c>system.config.changed</c>: System configuration was changed.</summary>
    public static readonly SecurityEventDescriptor ConfigurationChanged = new("system.config.changed", SecurityEventCategory.System, SecuritySeverity.Medium, "System configuration was changed.");

    /// <summary><c>system.security_config.changed</c>: A security setting was changed.</summary>
    public static readonly SecurityEventDescriptor SecurityConfigurationChanged = new("system.security_config.changed", SecurityEventCategory.System, SecuritySeverity.Critical, "A security setting was changed.");

    /// <summary><c>system.patch.status</c>: A security patch is available or was applied.</summary>
    public static readonly SecurityEventDescriptor PatchStatus = new("system.patch.status", SecurityEventCategory.System, SecuritySeverity.Medium, "A security patch is available or was applied.");

    /// <summary><c>system.vulnerability.scan</c>: A security scan finished.</summary>
    public static readonly SecurityEventDescriptor VulnerabilityScan = new("system.vulnerability.scan", SecurityEventCategory.System, SecuritySeverity.Low, "A security scan finished.");

    /// <summary><c>trading.order.submitted</c>: An order passed the pre-trade checks and was sent.</summary>
    public static readonly SecurityEventDescriptor OrderSubmitted = new("trading.order.submitted", SecurityEventCategory.Trading, SecuritySeverity.Info, "An order passed the pre-trade checks and was sent.");

    /// <summary><c>trading.order.denied</c>: An order was refused by a pre-trade control.</summary>
    public static readonly SecurityEventDescriptor OrderDenied = new("trading.order.denied", SecurityEventCategory.Trading, SecuritySeverity.Medium, "An order was refused by a pre-trade control.");

    /// <summary><c>trading.order.cancelled</c>: An order was cancelled.</summary>
    public static readonly SecurityEventDescriptor OrderCancelled = new("trading.order.cancelled", SecurityEventCategory.Trading, SecuritySeverity.Info, "An order was cancelled.");

    /// <summary><c>trading.order.filled</c>: An order was filled, fully or in part.</summary>
    public static readonly SecurityEventDescriptor OrderFilled = new("trading.order.filled", SecurityEventCategory.Trading, SecuritySeverity.Info, "An order was filled, fully or in part.");

    /// <summary><c>trading.state.changed</c>: An account, strategy or the whole host changed trading state (active, reduce-only, halted).</summary>
    public static readonly SecurityEventDescriptor TradingStateChanged = new("trading.state.changed", SecurityEventCategory.Trading, SecuritySeverity.High, "An account, strategy or the whole host changed trading state (active, reduce-only, halted).");

    /// <summary><c>trading.killswitch.engaged</c>: The kill switch was engaged.</summary>
    public static readonly SecurityEventDescriptor KillSwitchEngaged = new("trading.killswitch.engaged", SecurityEventCategory.Trading, SecuritySeverity.Critical, "The kill switch was engaged.");

    /// <summary><c>trading.killswitch.released</c>: The kill switch was released.</summary>
    public static readonly SecurityEventDescriptor KillSwitchReleased = new("trading.killswitch.released", SecurityEventCategory.Trading, SecuritySeverity.High, "The kill switch was released.");

    /// <summary><c>trading.surveillance.alert</c>: A market-abuse detector raised an alert.</summary>
    public static readonly SecurityEventDescriptor SurveillanceAlert = new("trading.surveillance.alert", SecurityEventCategory.Trading, SecuritySeverity.High, "A market-abuse detector raised an alert.");

    /// <summary><c>compliance.violation</c>: A compliance rule was broken (a limit breach, a late report, an execution outlier).</summary>
    public static readonly SecurityEventDescriptor ComplianceViolation = new("compliance.violation", SecurityEventCategory.Compliance, SecuritySeverity.Medium, "A compliance rule was broken (a limit breach, a late report, an execution outlier).");

    /// <summary><c>compliance.trade.reported</c>: A trade report was sent.</summary>
    public static readonly SecurityEventDescriptor TradeReported = new("compliance.trade.reported", SecurityEventCategory.Compliance, SecuritySeverity.Info, "A trade report was sent.");

    /// <summary><c>compliance.report.generated</c>: A compliance report was generated.</summary>
    public static readonly SecurityEventDescriptor ComplianceReportGenerated = new("compliance.report.generated", SecurityEventCategory.Compliance, SecuritySeverity.Low, "A compliance report was generated.");

    /// <summary><c>compliance.audit.checkpoint</c>: An audit-trail checkpoint was signed.</summary>
    public static readonly SecurityEventDescriptor AuditCheckpointSigned = new("compliance.audit.checkpoint", SecurityEventCategory.Compliance, SecuritySeverity.Info, "An audit-trail checkpoint was signed.");

    /// <summary><c>incident.opened</c>: An incident was opened.</summary>
    public static readonly SecurityEventDescriptor IncidentOpened = new("incident.opened", SecurityEventCategory.Incident, SecuritySeverity.High, "An incident was opened.");

    /// <summary><c>incident.updated</c>: An incident changed state, assignee or severity.</summary>
    public static readonly SecurityEventDescriptor IncidentUpdated = new("incident.updated", SecurityEventCategory.Incident, SecuritySeverity.Medium, "An incident changed state, assignee or severity.");

    /// <summary><c>incident.escalated</c>: An incident was escalated.</summary>
    public static readonly SecurityEventDescriptor IncidentEscalated = new("incident.escalated", SecurityEventCategory.Incident, SecuritySeverity.High, "An incident was escalated.");

    /// <summary><c>incident.alert.raised</c>: A detection rule raised an alert.</summary>
    public static readonly SecurityEventDescriptor AlertRaised = new("incident.alert.raised", SecurityEventCategory.Incident, SecuritySeverity.Medium, "A detection rule raised an alert.");

    /// <summary>Gets every built-in descriptor.</summary>
    public static IReadOnlyList<SecurityEventDescriptor> All { get; } =
    [
        LoginSucceeded,
        LoginFailed,
        AccountLocked,
        AccountUnlocked,
        PasswordChanged,
        MfaFailed,
        MfaEnrolled,
        RefreshTokenReused,
        TokenRejected,
        SessionCreated,
        SessionRevoked,
        PermissionChanged,
        RoleAssigned,
        RoleRemoved,
        AccessDenied,
        PrivilegeEscalation,
        RateLimitExceeded,
        InputValidationFailed,
        SecurityHeaderViolation,
        ApiAbuseDetected,
        ApiRequest,
        DataAccessed,
        EncryptionFailed,
        ClassificationViolation,
        DataLeakageDetected,
        KeyRotated,
        SubjectErased,
        SystemAccessAttempt,
        ConfigurationChanged,
        SecurityConfigurationChanged,
        PatchStatus,
        VulnerabilityScan,
        OrderSubmitted,
        OrderDenied,
        OrderCancelled,
        OrderFilled,
        TradingStateChanged,
        KillSwitchEngaged,
        KillSwitchReleased,
        SurveillanceAlert,
        ComplianceViolation,
        TradeReported,
        ComplianceReportGenerated,
        AuditCheckpointSigned,
        IncidentOpened,
        IncidentUpdated,
        IncidentEscalated,
        AlertRaised,
    ];
}
