namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The ids of the scorecard's metrics, one per line of the seed's section 9.</summary>
public static class ScorecardMetricIds
{
    /// <summary>Failed login rate, target &lt; 1%.</summary>
    public const string FailedLoginRate = "auth.failed_login_rate";

    /// <summary>Account lockout rate, target &lt; 0.1%.</summary>
    public const string AccountLockoutRate = "auth.account_lockout_rate";

    /// <summary>Multi-factor authentication adoption, target 100%.</summary>
    public const string MfaAdoption = "auth.mfa_adoption";

    /// <summary>Session timeout compliance, target 100%.</summary>
    public const string SessionTimeoutCompliance = "auth.session_timeout_compliance";

    /// <summary>Access violation rate, target &lt; 0.01%.</summary>
    public const string AccessViolationRate = "authz.access_violation_rate";

    /// <summary>Privilege escalation attempts, target 0.</summary>
    public const string PrivilegeEscalationAttempts = "authz.privilege_escalation_attempts";

    /// <summary>Role assignment accuracy, target 100%.</summary>
    public const string RoleAssignmentAccuracy = "authz.role_assignment_accuracy";

    /// <summary>Permission audit compliance, target 100%.</summary>
    public const string PermissionAuditCompliance = "authz.permission_audit_compliance";

    /// <summary>Data encryption coverage, target 100%.</summary>
    public const string EncryptionCoverage = "data.encryption_coverage";

    /// <summary>Encryption key rotation, target 100%.</summary>
    public const string KeyRotation = "data.key_rotation";

    /// <summary>Data classification accuracy, target &gt; 95%.</summary>
    public const string ClassificationAccuracy = "data.classification_accuracy";

    /// <summary>Data loss incidents, target 0.</summary>
    public const string DataLossIncidents = "data.loss_incidents";

    /// <summary>Rate limit violations, target &lt; 0.1%.</summary>
    public const string RateLimitViolationRate = "api.rate_limit_violation_rate";

    /// <summary>Input validation failures, target &lt; 0.01%.</summary>
    public const string InputValidationFailureRate = "api.input_validation_failure_rate";

    /// <summary>Security header compliance, target 100%.</summary>
    public const string SecurityHeaderCompliance = "api.security_header_compliance";

    /// <summary>API abuse detection, target 100%.</summary>
    public const string ApiAbuseDetection = "api.abuse_detection";

    /// <summary>Best execution compliance, target 100%.</summary>
    public const string BestExecutionCompliance = "trading.best_execution_compliance";

    /// <summary>Trade reporting accuracy, target &gt; 99%.</summary>
    public const string TradeReportingAccuracy = "trading.trade_reporting_accuracy";

    /// <summary>Risk limit compliance, target 100%.</summary>
    public const string RiskLimitCompliance = "trading.risk_limit_compliance";

    /// <summary>Market manipulation prevention, target 100%.</summary>
    public const string MarketManipulationPrevention = "trading.market_manipulation_prevention";

    /// <summary>SOX control effectiveness, target &gt; 95%.</summary>
    public const string SoxControlEffectiveness = "regulatory.sox_control_effectiveness";

    /// <summary>SOC 2 control compliance, target 100%.</summary>
    public const string Soc2ControlCompliance = "regulatory.soc2_control_compliance";

    /// <summary>GDPR compliance, target 100%.</summary>
    public const string GdprCompliance = "regulatory.gdpr_compliance";

    /// <summary>Audit trail completeness, target 100%.</summary>
    public const string AuditTrailCompleteness = "regulatory.audit_trail_completeness";

    /// <summary>Security policy compliance, target 100%.</summary>
    public const string SecurityPolicyCompliance = "security.policy_compliance";

    /// <summary>Security training completion, target 100%.</summary>
    public const string SecurityTrainingCompletion = "security.training_completion";

    /// <summary>Security incident response time, target &lt; 15 minutes.</summary>
    public const string IncidentResponseTime = "security.incident_response_time";

    /// <summary>Security patch compliance, target 100%.</summary>
    public const string PatchCompliance = "security.patch_compliance";
}
