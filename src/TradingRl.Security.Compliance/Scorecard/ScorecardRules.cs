using System.Globalization;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;
using static TradingRl.Security.Compliance.Evidence.ScorecardMetricIds;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The definitions of the seed's section 9 metrics over audit records: each computes its value and says its query.</summary>
internal static class ScorecardRules
{
    private const string Over = "over audit records with from <= recorded_at < to";
    private const string Authentication = "9.1 Authentication";
    private const string Authorization = "9.1 Authorization";
    private const string DataProtection = "9.1 Data Protection";
    private const string Api = "9.1 API Security";
    private const string Trading = "9.2 Trading Compliance";
    private const string Regulatory = "9.2 Regulatory Compliance";
    private const string SecurityCompliance = "9.2 Security Compliance";
    private const string NoApiHost = "No api.request record in the period: no ASP.NET Core host (AddApiSecurity) served requests, so the suite cannot measure API metrics.";

    private static readonly ScorecardTarget All = new(TargetComparison.AtLeast, 1.0, ScorecardUnit.Ratio);
    private static readonly ScorecardTarget Zero = new(TargetComparison.AtMost, 0, ScorecardUnit.Count);
    private static readonly string[] NotRiskRules = ["trade_report_deadline", "late_report", BestExecutionMonitor.OutlierReason];

    private static readonly string[] SoxControls = [AccessViolationRate, PrivilegeEscalationAttempts, RoleAssignmentAccuracy, PermissionAuditCompliance, RiskLimitCompliance, TradeReportingAccuracy, AuditTrailCompleteness];
    private static readonly string[] Soc2Controls = [FailedLoginRate, MfaAdoption, AccessViolationRate, EncryptionCoverage, KeyRotation, DataLossIncidents, AuditTrailCompleteness, IncidentResponseTime, GdprCompliance];

    public static List<ScorecardMetric> Compute(ScorecardInput input)
    {
        var r = input.Records;
        var requests = new RecordFilter(SecurityEventTypes.ApiRequest.Type);
        var m = new List<ScorecardMetric>(28)
        {
            Ratio(FailedLoginRate, "Failed login rate", Authentication, new(TargetComparison.LessThan, 0.01, ScorecardUnit.Ratio), r,
                new(SecurityEventTypes.LoginFailed.Type), new(SecurityEventTypes.LoginSucceeded.Type, SecurityEventTypes.LoginFailed.Type)),
            Ratio(AccountLockoutRate, "Account lockout rate", Authentication, new(TargetComparison.LessThan, 0.001, ScorecardUnit.Ratio), r,
                new(SecurityEventTypes.AccountLocked.Type), new(SecurityEventTypes.LoginSucceeded.Type, SecurityEventTypes.LoginFailed.Type)),
            Mfa(input),
            NotMeasured(SessionTimeoutCompliance, "Session timeout compliance", Authentication, All,
                "Auth checks idle and absolute timeouts on every session validation; the audit trail records session creation and revocation but not each use, so a use after expiry cannot be counted from it."),
            Ratio(AccessViolationRate, "Access violation rate", Authorization, new(TargetComparison.LessThan, 0.0001, ScorecardUnit.Ratio), r,
                new(SecurityEventTypes.AccessDenied.Type),
                new(SecurityEventTypes.ApiRequest.Type, SecurityEventTypes.OrderSubmitted.Type, SecurityEventTypes.OrderDenied.Type, SecurityEventTypes.AccessDenied.Type)),
            Count(PrivilegeEscalationAttempts, "Privilege escalation attempts", Authorization, r, new(SecurityEventTypes.PrivilegeEscalation.Type)),
            NotMeasured(RoleAssignmentAccuracy, "Role assignment accuracy", Authorization, All,
                "Accuracy needs the intended assignments (a joiner-mover-leaver feed) to compare with; the suite holds only the actual ones, listed with their approvers in the access-review evidence."),
            NotMeasured(PermissionAuditCompliance, "Permission audit compliance", Authorization, All,
                "Needs a periodic access-review attestation by the control owner; the access-review evidence pack is its input."),
            Ratio(EncryptionCoverage, "Data encryption coverage", DataProtection, All, r,
                new(SecurityEventTypes.ClassificationViolation.Type), new(SecurityEventTypes.DataAccessed.Type, SecurityEventTypes.ClassificationViolation.Type), complement: true),
            Rotation(input),
            NotMeasured(ClassificationAccuracy, "Data classification accuracy", DataProtection, new(TargetComparison.GreaterThan, 0.95, ScorecardUnit.Ratio),
                "Accuracy needs a labelled sample of data checked by a person; classifications are declared in code by attributes, not inferred."),
            Count(DataLossIncidents, "Data loss incidents", DataProtection, r, new(SecurityEventTypes.DataLeakageDetected.Type)),
            Ratio(RateLimitViolationRate, "Rate limit violations", Api, new(TargetComparison.LessThan, 0.001, ScorecardUnit.Ratio), r,
                new(SecurityEventTypes.RateLimitExceeded.Type), requests, notMeasured: NoApiHost),
            Ratio(InputValidationFailureRate, "Input validation failures", Api, new(TargetComparison.LessThan, 0.0001, ScorecardUnit.Ratio), r,
                new(SecurityEventTypes.InputValidationFailed.Type), requests, notMeasured: NoApiHost),
            Ratio(SecurityHeaderCompliance, "Security header compliance", Api, All, r,
                new(SecurityEventTypes.SecurityHeaderViolation.Type), requests, complement: true, notMeasured: NoApiHost),
            NotMeasured(ApiAbuseDetection, "API abuse detection", Api, All,
                "Detection rate needs a labelled set of abuse attempts (a red-team exercise); detections themselves are listed in the evidence pack."),
            Ratio(BestExecutionCompliance, "Best execution compliance", Trading, All, r,
                new RecordFilter(SecurityEventTypes.ComplianceViolation.Type).Where("rule", BestExecutionMonitor.OutlierReason), new(SecurityEventTypes.OrderFilled.Type), complement: true),
            Ratio(TradeReportingAccuracy, "Trade reporting accuracy", Trading, new(TargetComparison.GreaterThan, 0.99, ScorecardUnit.Ratio), r,
                new RecordFilter(SecurityEventTypes.TradeReported.Type).Where("late", "false"), new(SecurityEventTypes.TradeReported.Type)),
            Ratio(RiskLimitCompliance, "Risk limit compliance", Trading, All, r,
                new RecordFilter(SecurityEventTypes.ComplianceViolation.Type).WhereNot("rule", NotRiskRules), new(SecurityEventTypes.OrderSubmitted.Type), complement: true),
            NotMeasured(MarketManipulationPrevention, "Market manipulation prevention", Trading, All,
                "Prevention is judged per surveillance alert by a compliance officer; the alerts are listed in the evidence pack, but their disposition is not recorded by the suite."),
        };

        var gdpr = Gdpr(r);
        var completeness = Completeness(input);
        var response = Response(input);
        List<ScorecardMetric> known = [.. m, gdpr, completeness, response];
        m.Add(Composite(SoxControlEffectiveness, "SOX control effectiveness", Regulatory, new(TargetComparison.GreaterThan, 0.95, ScorecardUnit.Ratio), SoxControls, known));
        m.Add(Composite(Soc2ControlCompliance, "SOC 2 control compliance", Regulatory, All, Soc2Controls, known));
        m.Add(gdpr);
        m.Add(completeness);
        m.Add(Composite(SecurityPolicyCompliance, "Security policy compliance", SecurityCompliance, All, [.. m.Where(x => x.Section.StartsWith("9.1", StringComparison.Ordinal)).Select(x => x.Id)], m));
        m.Add(NotMeasured(SecurityTrainingCompletion, "Security training completion", SecurityCompliance, All, "Training records live in the HR or learning system, outside the suite."));
        m.Add(response);
        m.Add(NotMeasured(PatchCompliance, "Security patch compliance", SecurityCompliance, All,
            "Patch state lives in the host's vulnerability scanner; the suite records system.patch.status events it is given but holds no inventory to divide by."));
        return m;
    }

    private static ScorecardMetric Ratio(
        string id, string name, string section, ScorecardTarget target, IReadOnlyList<AuditRecord> records, RecordFilter numerator, RecordFilter denominator,
        bool complement = false, string? notMeasured = null)
    {
        var n = numerator.Count(records);
        var d = denominator.Count(records);
        var query = complement
            ? $"(count({denominator}) - count({numerator})) / count({denominator}) {Over}"
            : $"count({numerator}) / count({denominator}) {Over}";
        if (d == 0)
        {
            return NotMeasured(id, name, section, target, notMeasured ?? $"No record in the period matches the denominator ({denominator}).", query);
        }

        var value = complement ? Math.Max(0, d - n) / (double)d : n / (double)d;
        return Measured(id, name, section, target, value, n, d, query, null);
    }

    private static ScorecardMetric Count(string id, string name, string section, IReadOnlyList<AuditRecord> records, RecordFilter filter)
    {
        var n = filter.Count(records);
        return Measured(id, name, section, Zero, n, n, null, $"count({filter}) {Over}", null);
    }

    private static ScorecardMetric Mfa(ScorecardInput input)
    {
        var logins = new RecordFilter(SecurityEventTypes.LoginSucceeded.Type).Outcome(SecurityOutcome.Success);
        var users = input.Records.Where(logins.Matches).Select(x => x.Actor).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var enrolled = users.Count(input.MfaEnrolled.Contains);
        var source = input.MfaFromPackageState
            ? "enrolled per the registered IMfaEnrollmentSource (package state) at computation time"
            : $"having a record with type = '{SecurityEventTypes.MfaEnrolled.Type}' and outcome = Success and recorded_at < to (any time before)";
        var query = $"count(distinct actor of ({logins}) {source}) / count(distinct actor of ({logins})) {Over}";
        return users.Count == 0
            ? NotMeasured(MfaAdoption, "Multi-factor authentication adoption", Authentication, All, "No successful sign-in in the period: no active user to measure.", query)
            : Measured(MfaAdoption, "Multi-factor authentication adoption", Authentication, All, enrolled / (double)users.Count, enrolled, users.Count, query, null);
    }

    private static ScorecardMetric Rotation(ScorecardInput input)
    {
        var days = input.KeyRotationPeriod.TotalDays.ToString("0.##", CultureInfo.InvariantCulture);
        var query = $"1 when the latest record with type = '{SecurityEventTypes.KeyRotated.Type}' and properties.action in ('rotated', 'created') and recorded_at < to " +
            $"was recorded at or after to - {days} days (EvidenceOptions.KeyRotationPeriod), else 0";
        if (!input.AnyKeyRingRecord)
        {
            return NotMeasured(KeyRotation, "Encryption key rotation", DataProtection, All,
                $"No {SecurityEventTypes.KeyRotated.Type} record before the period end: the key ring's events do not reach this audit trail (register AddEncryption and AddAuditTrail on one builder).", query);
        }

        var ok = input.LastKeyRotation is { } last && input.To - last <= input.KeyRotationPeriod;
        var note = input.LastKeyRotation is { } at ? $"Last new key (rotated or created) recorded at {at:O}." : "Key-ring records exist but no rotation was recorded.";
        return Measured(KeyRotation, "Encryption key rotation", DataProtection, All, ok ? 1 : 0, ok ? 1 : 0, 1, query, note);
    }

    private static ScorecardMetric Gdpr(IReadOnlyList<AuditRecord> records)
    {
        var received = new RecordFilter(EvidenceEventTypes.SubjectRequestReceived.Type);
        var completed = new RecordFilter(EvidenceEventTypes.SubjectRequestCompleted.Type).Outcome(SecurityOutcome.Success);
        var ids = records.Where(received.Matches).Select(x => x.Properties.GetValueOrDefault("request_id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var done = records.Where(completed.Matches).Select(x => x.Properties.GetValueOrDefault("request_id")).OfType<string>().Where(ids.Contains).Distinct(StringComparer.Ordinal).Count();
        var query = $"count(distinct properties.request_id of ({completed}) that is the request_id of a ({received})) / count(distinct properties.request_id of ({received})) {Over}";
        return ids.Count == 0
            ? NotMeasured(GdprCompliance, "GDPR compliance", Regulatory, All, "No data-subject request was received in the period.", query)
            : Measured(GdprCompliance, "GDPR compliance", Regulatory, All, done / (double)ids.Count, done, ids.Count, query, null);
    }

    private static ScorecardMetric Completeness(ScorecardInput input)
    {
        var v = input.Verification;
        const string Query = "AuditTrail.VerifyAsync(): every stored record re-hashed into the RFC 9162 Merkle tree and every Ed25519-signed commit and checkpoint checked; " +
            "value = verified records / records (records whose data was pruned by retention keep their hashes and count as verified)";
        if (v.RecordCount == 0)
        {
            return NotMeasured(AuditTrailCompleteness, "Audit trail completeness", Regulatory, All, "The audit trail holds no record.", Query);
        }

        var good = v.IsValid ? v.RecordCount : v.FirstBadSequence ?? 0;
        return Measured(AuditTrailCompleteness, "Audit trail completeness", Regulatory, All, good / (double)v.RecordCount, good, v.RecordCount, Query, v.IsValid ? null : v.Message);
    }

    private static ScorecardMetric Response(ScorecardInput input)
    {
        var target = new ScorecardTarget(TargetComparison.LessThan, 15, ScorecardUnit.Minutes);
        var query = $"max over incidents with a record type = '{SecurityEventTypes.IncidentOpened.Type}' {Over} of (event_timestamp of the first later record type = " +
            $"'{SecurityEventTypes.IncidentUpdated.Type}' with the same resource and properties.status not in ('Identified') - event_timestamp of the opening), " +
            "an incident without such a record counting as (to - opening); numerator = incidents under 15 minutes, denominator = incidents";
        var opened = input.Records.Where(x => x.Type == SecurityEventTypes.IncidentOpened.Type && x.Resource is not null).ToList();
        if (opened.Count == 0)
        {
            return NotMeasured(IncidentResponseTime, "Security incident response time", SecurityCompliance, target, "No incident was opened in the period.", query);
        }

        var worst = 0.0;
        var within = 0L;
        foreach (var o in opened)
        {
            var response = input.Records.FirstOrDefault(x => x.Sequence > o.Sequence && x.Type == SecurityEventTypes.IncidentUpdated.Type &&
                string.Equals(x.Resource, o.Resource, StringComparison.Ordinal) && x.Properties.GetValueOrDefault("status") is { } s && s != "Identified");
            var minutes = ((response?.EventTimestamp ?? input.To) - o.EventTimestamp).TotalMinutes;
            worst = Math.Max(worst, minutes);
            within += target.IsMetBy(minutes) ? 1 : 0;
        }

        return Measured(IncidentResponseTime, "Security incident response time", SecurityCompliance, target, worst, within, opened.Count, query, null);
    }

    private static ScorecardMetric Composite(string id, string name, string section, ScorecardTarget target, string[] members, IReadOnlyList<ScorecardMetric> computed)
    {
        var measured = computed.Where(x => members.Contains(x.Id, StringComparer.Ordinal) && x.Status != ScorecardStatus.NotMeasured).ToList();
        var passed = measured.Count(x => x.Status == ScorecardStatus.Pass);
        var query = $"count(metrics passing among [{string.Join(", ", members)}]) / count(those measured)";
        return measured.Count == 0
            ? NotMeasured(id, name, section, target, "None of its member metrics could be measured.", query)
            : Measured(id, name, section, target, passed / (double)measured.Count, passed, measured.Count, query,
                measured.Count < members.Length ? $"{members.Length - measured.Count} of {members.Length} member metrics not measured." : null);
    }

    private static ScorecardMetric Measured(string id, string name, string section, ScorecardTarget target, double value, long? n, long? d, string query, string? note) =>
        new(id, name, section, target, target.IsMetBy(value) ? ScorecardStatus.Pass : ScorecardStatus.Fail, value, n, d, query, note);

    private static ScorecardMetric NotMeasured(string id, string name, string section, ScorecardTarget target, string reason, string query = "not measured by the suite") =>
        new(id, name, section, target, ScorecardStatus.NotMeasured, null, null, null, query, reason);
}
