using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>The default rule set: every row of the seed's section 6.2 alert table, plus a distinct-count and a sequence rule and section 6.1's data leakage detection.</summary>
/// <remarks>Each call returns new instances, so a host may change them freely.</remarks>
public static class DefaultDetectionRules
{
    /// <summary>Critical: more than 5 failed logins for one account in 5 minutes.</summary>
    public const string FailedLoginBurst = "failed-login-burst";

    /// <summary>Critical: an unauthorized access attempt.</summary>
    public const string UnauthorizedAccess = "unauthorized-access";

    /// <summary>Critical: an encryption or decryption failure.</summary>
    public const string EncryptionFailure = "encryption-failure";

    /// <summary>Critical: a security configuration change.</summary>
    public const string SecurityConfigurationChange = "security-config-change";

    /// <summary>Critical: more than 3 failed logins then a successful one for the same account within 10 minutes.</summary>
    public const string LoginAfterFailures = "login-after-failures";

    /// <summary>High: more than 100 rate-limit violations by one actor in a minute.</summary>
    public const string RateLimitViolations = "rate-limit-violations";

    /// <summary>High: input validation failures.</summary>
    public const string InputValidationFailures = "input-validation-failures";

    /// <summary>High: suspicious API usage reported by an API abuse detector.</summary>
    public const string SuspiciousApiUsage = "suspicious-api-usage";

    /// <summary>High: one source failing to sign in to more than 10 accounts in 10 minutes.</summary>
    public const string CredentialStuffing = "credential-stuffing";

    /// <summary>High: one actor reading more than 50 distinct classified resources in 10 minutes.</summary>
    public const string UnusualDataAccess = "unusual-data-access";

    /// <summary>Critical: data left, or tried to leave, where it may not go (the seed's "data leakage detection"); one alert per actor.</summary>
    public const string DataLeakage = "data-leakage";

    /// <summary>Medium: a password change attempt.</summary>
    public const string PasswordChange = "password-change";

    /// <summary>Medium: a role assignment or permission change.</summary>
    public const string RoleAssignmentChange = "role-assignment-change";

    /// <summary>Medium: a security patch is available.</summary>
    public const string SecurityPatchAvailable = "security-patch-available";

    /// <summary>Medium: a compliance violation.</summary>
    public const string ComplianceViolation = "compliance-violation";

    /// <summary>Low: a successful login from a source address not seen for that account before.</summary>
    public const string LoginFromNewLocation = "login-new-location";

    /// <summary>Low: more than 1,000 API requests by one actor in an hour (usage statistics).</summary>
    public const string ApiUsageStatistics = "api-usage-statistics";

    /// <summary>Low: a security scan finished.</summary>
    public const string SecurityScanResults = "security-scan-results";

    /// <summary>Low: a compliance report was generated.</summary>
    public const string ComplianceReportGenerated = "compliance-report-generated";

    /// <summary>The incident group shared by the brute-force and login-after-failures rules, so both land in one incident per account.</summary>
    public const string AccountCompromiseGroup = "account-compromise";

    private static readonly SecurityOutcome[] NotSuccess = [SecurityOutcome.Unknown, SecurityOutcome.Failure, SecurityOutcome.Denied];

    /// <summary>Creates the default rules.</summary>
    /// <returns>New rule instances, critical first.</returns>
    public static IReadOnlyList<DetectionRule> Create() =>
    [
        Rule(FailedLoginBurst, "Multiple failed login attempts", "More than 5 failed logins for one account in 5 minutes: password guessing against the account.",
            SecuritySeverity.Critical, DetectionRuleKind.Threshold, EventField.Actor, 5, TimeSpan.FromMinutes(5), AccountCompromiseGroup, SecurityEventTypes.LoginFailed),
        Rule(UnauthorizedAccess, "Unauthorized access attempt", "An action refused by authorization, a privilege-escalation attempt or a refused attempt on an administrative surface.",
            SecuritySeverity.Critical, DetectionRuleKind.Match, EventField.Actor, 0, TimeSpan.FromMinutes(5), null,
            SecurityEventTypes.AccessDenied, SecurityEventTypes.PrivilegeEscalation, SecurityEventTypes.SystemAccessAttempt).WithOutcomes(NotSuccess),
        Rule(EncryptionFailure, "Data encryption failure", "Encryption or decryption failed: tampering, or a wrong or revoked key.",
            SecuritySeverity.Critical, DetectionRuleKind.Match, EventField.Resource, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.EncryptionFailed),
        Rule(SecurityConfigurationChange, "Security configuration change", "A security setting was changed.",
            SecuritySeverity.Critical, DetectionRuleKind.Match, EventField.Actor, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.SecurityConfigurationChanged),
        Rule(LoginAfterFailures, "Successful login after failures", "More than 3 failed logins then a successful one for the same account within 10 minutes: a guessed password.",
            SecuritySeverity.Critical, DetectionRuleKind.Sequence, EventField.Actor, 3, TimeSpan.FromMinutes(10), AccountCompromiseGroup, SecurityEventTypes.LoginFailed)
            .WithThen(SecurityEventTypes.LoginSucceeded),
        Rule(RateLimitViolations, "Rate limit violations", "More than 100 requests refused by a rate limit for one actor in a minute.",
            SecuritySeverity.High, DetectionRuleKind.Threshold, EventField.Actor, 100, TimeSpan.FromMinutes(1), null, SecurityEventTypes.RateLimitExceeded),
        Rule(InputValidationFailures, "Input validation failures", "Requests that failed input validation.",
            SecuritySeverity.High, DetectionRuleKind.Match, EventField.Actor, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.InputValidationFailed),
        Rule(SuspiciousApiUsage, "Suspicious API usage pattern", "An API abuse detector reported a suspicious usage pattern.",
            SecuritySeverity.High, DetectionRuleKind.Match, EventField.Actor, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.ApiAbuseDetected),
        Rule(CredentialStuffing, "One source failing against many accounts", "Failed logins for more than 10 distinct accounts from one source address in 10 minutes.",
            SecuritySeverity.High, DetectionRuleKind.DistinctCount, EventField.SourceAddress, 10, TimeSpan.FromMinutes(10), null, SecurityEventTypes.LoginFailed)
            .WithDistinct(EventField.Actor),
        Rule(UnusualDataAccess, "Unusual data access pattern", "One actor read more than 50 distinct classified resources in 10 minutes.",
            SecuritySeverity.High, DetectionRuleKind.DistinctCount, EventField.Actor, 50, TimeSpan.FromMinutes(10), null, SecurityEventTypes.DataAccessed)
            .WithDistinct(EventField.Resource),
        Rule(DataLeakage, "Data leakage detected", "Data left, or tried to leave, where it may not go: an export, egress or classification check reported a leak.",
            SecuritySeverity.Critical, DetectionRuleKind.Match, EventField.Actor, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.DataLeakageDetected),
        Rule(PasswordChange, "Password change attempt", "A password change was attempted.",
            SecuritySeverity.Medium, DetectionRuleKind.Match, EventField.Actor, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.PasswordChanged),
        Rule(RoleAssignmentChange, "Role assignment change", "A role was assigned or removed, or a role's permissions changed.",
            SecuritySeverity.Medium, DetectionRuleKind.Match, EventField.Actor, 0, TimeSpan.FromMinutes(5), null,
            SecurityEventTypes.RoleAssigned, SecurityEventTypes.RoleRemoved, SecurityEventTypes.PermissionChanged),
        Rule(SecurityPatchAvailable, "Security patch availability", "A security patch is available or was applied.",
            SecuritySeverity.Medium, DetectionRuleKind.Match, EventField.Resource, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.PatchStatus),
        Rule(ComplianceViolation, "Compliance violation", "A compliance rule was broken (a limit breach, a late report, an execution outlier).",
            SecuritySeverity.Medium, DetectionRuleKind.Match, EventField.Actor, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.ComplianceViolation),
        Rule(LoginFromNewLocation, "Successful login from a new location", "A successful login from a source address not seen for that account in the last 90 days.",
            SecuritySeverity.Low, DetectionRuleKind.FirstSeen, EventField.Actor, 0, TimeSpan.FromDays(90), null, SecurityEventTypes.LoginSucceeded)
            .WithDistinct(EventField.SourceAddress),
        Rule(ApiUsageStatistics, "API usage statistics", "More than 1,000 API requests by one actor in an hour.",
            SecuritySeverity.Low, DetectionRuleKind.Threshold, EventField.Actor, 1000, TimeSpan.FromHours(1), null, SecurityEventTypes.ApiRequest),
        Rule(SecurityScanResults, "Security scan results", "A security scan finished.",
            SecuritySeverity.Low, DetectionRuleKind.Match, EventField.Resource, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.VulnerabilityScan),
        Rule(ComplianceReportGenerated, "Compliance report generation", "A compliance report was generated.",
            SecuritySeverity.Low, DetectionRuleKind.Match, EventField.Resource, 0, TimeSpan.FromMinutes(5), null, SecurityEventTypes.ComplianceReportGenerated),
    ];

    private static DetectionRule Rule(
        string id, string title, string description, SecuritySeverity severity, DetectionRuleKind kind, EventField groupBy,
        int threshold, TimeSpan window, string? group, params SecurityEventDescriptor[] types)
    {
        var rule = new DetectionRule
        {
            Id = id,
            Title = title,
            Description = description,
            Severity = severity,
            Kind = kind,
            GroupBy = groupBy,
            Threshold = threshold,
            Window = window,
            IncidentGroup = group,
        };
        foreach (var t in types)
        {
            rule.EventTypes.Add(t.Type);
        }

        return rule;
    }

    private static DetectionRule WithOutcomes(this DetectionRule rule, SecurityOutcome[] outcomes)
    {
        foreach (var o in outcomes)
        {
            rule.Outcomes.Add(o);
        }

        return rule;
    }

    private static DetectionRule WithThen(this DetectionRule rule, SecurityEventDescriptor then)
    {
        rule.ThenEventTypes.Add(then.Type);
        return rule;
    }

    private static DetectionRule WithDistinct(this DetectionRule rule, EventField field)
    {
        rule.DistinctField = field;
        return rule;
    }
}
