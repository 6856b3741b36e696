using System.Text.Json;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The control families of an evidence pack (SOX access, change management and monitoring; SOC 2 security and confidentiality; trading compliance).</summary>
internal static class EvidenceFamilies
{
    private const string ApprovalRequested = "authz.approval.requested";
    private const string ApprovalDecided = "authz.approval.decided";
    private static readonly string[] ReportRules = ["trade_report_deadline", "late_report"];

    public static IReadOnlyList<EvidenceFamily> All { get; } =
    [
        new("access-reviews", "SOX access controls: who was granted or removed which role, by whom (the approver), and refused or escalating attempts.",
            [SecurityEventTypes.RoleAssigned.Type, SecurityEventTypes.RoleRemoved.Type, SecurityEventTypes.PermissionChanged.Type, SecurityEventTypes.PrivilegeEscalation.Type, SecurityEventTypes.AccessDenied.Type],
            null, RoleChanges),
        new("change-management", "SOX change management: configuration and security-setting changes, trading-state changes, and maker-checker approvals (maker, checker, decision).",
            [SecurityEventTypes.ConfigurationChanged.Type, SecurityEventTypes.SecurityConfigurationChanged.Type, SecurityEventTypes.TradingStateChanged.Type, ApprovalRequested, ApprovalDecided],
            null, Approvals),
        new("encryption", "SOC 2 confidentiality: key rotations, rewraps and revocations, subject erasures, classified-data access, encryption failures and classification violations.",
            [SecurityEventTypes.KeyRotated.Type, SecurityEventTypes.SubjectErased.Type, SecurityEventTypes.DataAccessed.Type, SecurityEventTypes.EncryptionFailed.Type, SecurityEventTypes.ClassificationViolation.Type, SecurityEventTypes.DataLeakageDetected.Type],
            null, null),
        new("authentication", "SOC 2 security: sign-ins, failures, lockouts and unlocks, MFA enrolment and failures, sessions, password changes, token rejections and refresh-token reuse.",
            [SecurityEventTypes.LoginSucceeded.Type, SecurityEventTypes.LoginFailed.Type, SecurityEventTypes.AccountLocked.Type, SecurityEventTypes.AccountUnlocked.Type, SecurityEventTypes.PasswordChanged.Type,
             SecurityEventTypes.MfaFailed.Type, SecurityEventTypes.MfaEnrolled.Type, SecurityEventTypes.RefreshTokenReused.Type, SecurityEventTypes.TokenRejected.Type, SecurityEventTypes.SessionCreated.Type, SecurityEventTypes.SessionRevoked.Type],
            null, null),
        new("incidents", "SOX monitoring controls: alerts and incidents with their response times (opening to first acknowledgement), escalations, SLA breaches and containment.",
            [SecurityEventTypes.AlertRaised.Type, SecurityEventTypes.IncidentOpened.Type, SecurityEventTypes.IncidentUpdated.Type, SecurityEventTypes.IncidentEscalated.Type, "incident.sla.breached", "incident.containment.executed"],
            null, Incidents),
        new("risk-and-kill-switch", "Trading risk management: risk-limit breaches, refused orders, surveillance alerts, trading-state changes and kill-switch use.",
            [SecurityEventTypes.OrderDenied.Type, SecurityEventTypes.KillSwitchEngaged.Type, SecurityEventTypes.KillSwitchReleased.Type, SecurityEventTypes.SurveillanceAlert.Type],
            r => r.Type == SecurityEventTypes.ComplianceViolation.Type && !ReportRules.Contains(RecordFilter.Property(r, "rule")), null),
        new("trade-reporting", "Trade reporting: every report sent with its regime, deadline and lateness, and deadline violations.",
            [SecurityEventTypes.TradeReported.Type],
            r => r.Type == SecurityEventTypes.ComplianceViolation.Type && ReportRules.Contains(RecordFilter.Property(r, "rule")), TradeReports),
    ];

    private static void RoleChanges(Utf8JsonWriter w, IReadOnlyList<AuditRecord> records, DateTimeOffset to)
    {
        w.WriteStartArray("role_changes");
        foreach (var r in records.Where(r => r.Type == SecurityEventTypes.RoleAssigned.Type || r.Type == SecurityEventTypes.RoleRemoved.Type))
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", r.Sequence);
            w.WriteString("at", r.EventTimestamp);
            w.WriteString("change", r.Type == SecurityEventTypes.RoleAssigned.Type ? "granted" : "removed");
            w.WriteString("subject", r.Properties.GetValueOrDefault("subject"));
            w.WriteString("role", r.Properties.GetValueOrDefault("role"));
            w.WriteString("approver", r.Actor);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Approvals(Utf8JsonWriter w, IReadOnlyList<AuditRecord> records, DateTimeOffset to)
    {
        w.WriteStartArray("approvals");
        foreach (var request in records.Where(r => r.Type == ApprovalRequested))
        {
            var id = request.Properties.GetValueOrDefault("request");
            var decided = records.FirstOrDefault(r => r.Type == ApprovalDecided && r.Sequence > request.Sequence && r.Properties.GetValueOrDefault("request") == id);
            w.WriteStartObject();
            w.WriteString("request", id);
            w.WriteString("permission", request.Properties.GetValueOrDefault("permission"));
            w.WriteString("maker", request.Actor);
            w.WriteNumber("requested_sequence", request.Sequence);
            w.WriteString("checker", decided?.Actor);
            w.WriteString("decision", decided?.Properties.GetValueOrDefault("status") ?? "pending");
            if (decided is not null)
            {
                w.WriteNumber("decided_sequence", decided.Sequence);
                w.WriteBoolean("maker_is_checker", string.Equals(decided.Actor, request.Actor, StringComparison.Ordinal));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Incidents(Utf8JsonWriter w, IReadOnlyList<AuditRecord> records, DateTimeOffset to)
    {
        w.WriteStartArray("response_times");
        foreach (var opened in records.Where(r => r.Type == SecurityEventTypes.IncidentOpened.Type && r.Resource is not null))
        {
            var response = records.FirstOrDefault(r => r.Sequence > opened.Sequence && r.Type == SecurityEventTypes.IncidentUpdated.Type &&
                string.Equals(r.Resource, opened.Resource, StringComparison.Ordinal) && r.Properties.GetValueOrDefault("status") is { } s && s != "Identified");
            var minutes = ((response?.EventTimestamp ?? to) - opened.EventTimestamp).TotalMinutes;
            w.WriteStartObject();
            w.WriteString("incident", opened.Resource);
            w.WriteString("severity", opened.Properties.GetValueOrDefault("severity") ?? opened.Severity.ToString());
            w.WriteNumber("opened_sequence", opened.Sequence);
            w.WriteString("opened_at", opened.EventTimestamp);
            if (response is not null)
            {
                w.WriteNumber("response_sequence", response.Sequence);
                w.WriteString("responded_at", response.EventTimestamp);
            }

            w.WriteNumber("response_minutes", Math.Round(minutes, 3));
            w.WriteBoolean("acknowledged_in_period", response is not null);
            w.WriteBoolean("within_15_minutes", minutes < 15);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void TradeReports(Utf8JsonWriter w, IReadOnlyList<AuditRecord> records, DateTimeOffset to)
    {
        w.WriteStartArray("reports");
        foreach (var r in records.Where(r => r.Type == SecurityEventTypes.TradeReported.Type))
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", r.Sequence);
            w.WriteString("trade_id", r.Properties.GetValueOrDefault("trade_id"));
            w.WriteString("regime", r.Properties.GetValueOrDefault("regime"));
            w.WriteString("reported_at", r.EventTimestamp);
            w.WriteString("due_by", r.Properties.GetValueOrDefault("due_by"));
            w.WriteBoolean("late", r.Properties.GetValueOrDefault("late") == "true");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
