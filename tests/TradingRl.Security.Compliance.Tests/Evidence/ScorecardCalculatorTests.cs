using System.Text.Json;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TradingRl.Security.Compliance.Evidence;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;
using Ids = TradingRl.Security.Compliance.Evidence.ScorecardMetricIds;

namespace TradingRl.Security.Compliance.Tests.Evidence;

public sealed class ScorecardCalculatorTests
{
    // 1 failure in 100 attempts is exactly 1%: the seed's "< 1%" fails; 1 in 101 passes.
    [Theory]
    [InlineData(99, ScorecardStatus.Fail, 0.01)]
    [InlineData(100, ScorecardStatus.Pass, 1 / 101.0)]
    public async Task ComputeAsync_FailedLoginRate_AtAndBelowOnePercent(int successes, ScorecardStatus expected, double value)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.LoginFailed, outcome: SecurityOutcome.Failure);
        await log.RecordAsync(successes, SecurityEventTypes.LoginSucceeded);

        var m = (await log.ScoreAsync())[Ids.FailedLoginRate];

        Assert.Equal(expected, m.Status);
        Assert.Equal(value, m.Value!.Value, 12);
        Assert.Equal(1, m.Numerator);
        Assert.Equal(successes + 1, m.Denominator);
        Assert.Equal("count(type = 'auth.login.failed') / count(type in ('auth.login.succeeded', 'auth.login.failed')) over audit records with from <= recorded_at < to", m.Query);
    }

    [Theory]
    [InlineData(1000, ScorecardStatus.Fail)]
    [InlineData(1001, ScorecardStatus.Pass)]
    public async Task ComputeAsync_AccountLockoutRate_AtAndBelowPointOnePercent(int successes, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.AccountLocked);
        await log.RecordAsync(1, SecurityEventTypes.LoginFailed, outcome: SecurityOutcome.Failure);
        await log.RecordAsync(successes - 1, SecurityEventTypes.LoginSucceeded);

        Assert.Equal(expected, (await log.ScoreAsync())[Ids.AccountLockoutRate].Status);
    }

    [Fact]
    public async Task ComputeAsync_NoLogins_LoginMetricsNotMeasured()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.OrderSubmitted);

        var s = await log.ScoreAsync();

        Assert.Equal(ScorecardStatus.NotMeasured, s[Ids.FailedLoginRate].Status);
        Assert.Null(s[Ids.FailedLoginRate].Value);
        Assert.Equal(ScorecardStatus.NotMeasured, s[Ids.MfaAdoption].Status);
    }

    [Fact]
    public async Task ComputeAsync_MfaAdoption_CountsEnrolmentBeforePeriodEndOnly()
    {
        await using var log = new EvidenceTestLog(clockStart: EvidenceTestLog.Start.AddDays(-30));
        await log.RecordAsync(1, SecurityEventTypes.MfaEnrolled, "alice");
        log.Time.SetUtcNow(EvidenceTestLog.Start);
        await log.RecordAsync(1, SecurityEventTypes.LoginSucceeded, "alice");
        await log.RecordAsync(1, SecurityEventTypes.LoginSucceeded, "bob");
        log.Time.SetUtcNow(EvidenceTestLog.Start.AddHours(2));
        await log.RecordAsync(1, SecurityEventTypes.MfaEnrolled, "bob");

        var m = (await log.ScoreAsync())[Ids.MfaAdoption];

        Assert.Equal(ScorecardStatus.Fail, m.Status);
        Assert.Equal(0.5, m.Value);
        Assert.Equal(1, m.Numerator);
        Assert.Equal(2, m.Denominator);
    }

    [Fact]
    public async Task ComputeAsync_MfaSourceRegistered_UsesPackageState()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.LoginSucceeded, "alice");
        await log.RecordAsync(1, SecurityEventTypes.LoginSucceeded, "bob");

        var m = (await log.ScoreAsync(new EnrolledSet("alice", "bob")))[Ids.MfaAdoption];

        Assert.Equal(ScorecardStatus.Pass, m.Status);
        Assert.Equal(1.0, m.Value);
        Assert.Contains("IMfaEnrollmentSource", m.Query, StringComparison.Ordinal);
    }

    // 1 denial in 10,000 actions is exactly 0.01%: fails; 1 in 10,001 passes.
    [Theory]
    [InlineData(9_999, ScorecardStatus.Fail)]
    [InlineData(10_000, ScorecardStatus.Pass)]
    public async Task ComputeAsync_AccessViolationRate_AtAndBelowPointZeroOnePercent(int requests, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.AccessDenied, outcome: SecurityOutcome.Denied);
        await log.RecordAsync(requests, SecurityEventTypes.ApiRequest);

        var m = (await log.ScoreAsync())[ScorecardMetricIds.AccessViolationRate];

        Assert.Equal(expected, m.Status);
        Assert.Equal(requests + 1, m.Denominator);
    }

    [Theory]
    [InlineData(10_000, ScorecardStatus.Fail)]
    [InlineData(10_001, ScorecardStatus.Pass)]
    public async Task ComputeAsync_InputValidationFailures_AtAndBelowPointZeroOnePercent(int requests, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(requests, SecurityEventTypes.ApiRequest);
        await log.RecordAsync(1, SecurityEventTypes.InputValidationFailed, outcome: SecurityOutcome.Failure);

        var m = (await log.ScoreAsync())[ScorecardMetricIds.InputValidationFailureRate];

        Assert.Equal(expected, m.Status);
        Assert.Equal(1 / (double)requests, m.Value);
    }

    [Theory]
    [InlineData(1_000, ScorecardStatus.Fail)]
    [InlineData(1_001, ScorecardStatus.Pass)]
    public async Task ComputeAsync_RateLimitViolations_AtAndBelowPointOnePercent(int requests, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.RateLimitExceeded, outcome: SecurityOutcome.Denied);
        await log.RecordAsync(requests, SecurityEventTypes.ApiRequest);

        Assert.Equal(expected, (await log.ScoreAsync())[Ids.RateLimitViolationRate].Status);
    }

    [Fact]
    public async Task ComputeAsync_NoApiHost_ApiMetricsNotMeasuredNeverPass()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(3, SecurityEventTypes.LoginSucceeded);

        var s = await log.ScoreAsync();

        foreach (var id in new[] { Ids.RateLimitViolationRate, Ids.InputValidationFailureRate, Ids.SecurityHeaderCompliance })
        {
            Assert.Equal(ScorecardStatus.NotMeasured, s[id].Status);
            Assert.Null(s[id].Value);
            Assert.Contains("ASP.NET Core", s[id].Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, ScorecardStatus.Pass, 1.0)]
    [InlineData(1, ScorecardStatus.Fail, 0.99)]
    public async Task ComputeAsync_SecurityHeaders_OneViolationFails(int violations, ScorecardStatus expected, double value)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(100, SecurityEventTypes.ApiRequest);
        await log.RecordAsync(violations, SecurityEventTypes.SecurityHeaderViolation, outcome: SecurityOutcome.Failure);

        var m = (await log.ScoreAsync())[Ids.SecurityHeaderCompliance];

        Assert.Equal(expected, m.Status);
        Assert.Equal(value, m.Value);
    }

    [Theory]
    [InlineData(0, ScorecardStatus.Pass)]
    [InlineData(1, ScorecardStatus.Fail)]
    public async Task ComputeAsync_ZeroTargets_OneEventFails(int count, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.LoginSucceeded);
        await log.RecordAsync(count, SecurityEventTypes.PrivilegeEscalation, outcome: SecurityOutcome.Denied);
        await log.RecordAsync(count, SecurityEventTypes.DataLeakageDetected, outcome: SecurityOutcome.Failure);

        var s = await log.ScoreAsync();

        Assert.Equal(expected, s[Ids.PrivilegeEscalationAttempts].Status);
        Assert.Equal(count, s[Ids.PrivilegeEscalationAttempts].Value);
        Assert.Equal(expected, s[Ids.DataLossIncidents].Status);
    }

    [Theory]
    [InlineData(0, ScorecardStatus.Pass, 1.0)]
    [InlineData(1, ScorecardStatus.Fail, 0.75)]
    public async Task ComputeAsync_EncryptionCoverage_ClassificationViolationFails(int violations, ScorecardStatus expected, double value)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(3, SecurityEventTypes.DataAccessed);
        await log.RecordAsync(violations, SecurityEventTypes.ClassificationViolation, outcome: SecurityOutcome.Failure);

        var m = (await log.ScoreAsync())[Ids.EncryptionCoverage];

        Assert.Equal(expected, m.Status);
        Assert.Equal(value, m.Value);
    }

    // A rotation exactly 90 days before the period end passes; one second older fails.
    [Theory]
    [InlineData(0, ScorecardStatus.Pass)]
    [InlineData(1, ScorecardStatus.Fail)]
    public async Task ComputeAsync_KeyRotation_AtAndPastTheRotationPeriod(int extraSeconds, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog(clockStart: EvidenceTestLog.Hour.To.AddDays(-90).AddSeconds(-extraSeconds));
        await log.RecordAsync(1, SecurityEventTypes.KeyRotated, "keyring", SecurityOutcome.Success, ("action", "rotated"));
        log.Time.SetUtcNow(EvidenceTestLog.Start);
        await log.RecordAsync(1, SecurityEventTypes.KeyRotated, "keyring", SecurityOutcome.Success, ("action", "revoked"));

        var m = (await log.ScoreAsync())[Ids.KeyRotation];

        Assert.Equal(expected, m.Status);
        Assert.Equal(expected == ScorecardStatus.Pass ? 1.0 : 0.0, m.Value);
    }

    // The ring's first key counts as a fresh key; a revocation or rewrap alone does not.
    [Theory]
    [InlineData("created", ScorecardStatus.Pass)]
    [InlineData("rewrapped", ScorecardStatus.Fail)]
    public async Task ComputeAsync_KeyRotation_RingCreatedInThePeriodCountsAsANewKey(string action, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.KeyRotated, "keyring", SecurityOutcome.Success, ("action", action));

        Assert.Equal(expected, (await log.ScoreAsync())[Ids.KeyRotation].Status);
    }

    [Fact]
    public async Task ComputeAsync_NoKeyRingRecord_KeyRotationNotMeasured()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.LoginSucceeded);

        Assert.Equal(ScorecardStatus.NotMeasured, (await log.ScoreAsync())[Ids.KeyRotation].Status);
    }

    [Theory]
    [InlineData(0, ScorecardStatus.Pass)]
    [InlineData(1, ScorecardStatus.Fail)]
    public async Task ComputeAsync_BestExecution_OutlierFails(int outliers, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(2, SecurityEventTypes.OrderFilled);
        await log.RecordAsync(outliers, SecurityEventTypes.ComplianceViolation, "rl-1", SecurityOutcome.Failure, ("reason", BestExecutionMonitor.OutlierReason));
        await log.RecordAsync(1, SecurityEventTypes.ComplianceViolation, "rl-1", SecurityOutcome.Failure, ("rule", "trade_report_deadline"));

        var m = (await log.ScoreAsync())[Ids.BestExecutionCompliance];

        Assert.Equal(expected, m.Status);
        Assert.Equal(outliers == 0 ? 1.0 : 0.5, m.Value);
    }

    // 99 of 100 reports on time is exactly 99%: the seed's "> 99" fails; 100 of 101 passes.
    [Theory]
    [InlineData(99, ScorecardStatus.Fail)]
    [InlineData(100, ScorecardStatus.Pass)]
    public async Task ComputeAsync_TradeReportingAccuracy_AtAndAboveNinetyNinePercent(int onTime, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(onTime, SecurityEventTypes.TradeReported, "rl-1", SecurityOutcome.Success, ("late", "false"));
        await log.RecordAsync(1, SecurityEventTypes.TradeReported, "rl-1", SecurityOutcome.Success, ("late", "true"));

        var m = (await log.ScoreAsync())[Ids.TradeReportingAccuracy];

        Assert.Equal(expected, m.Status);
        Assert.Equal(onTime / (onTime + 1.0), m.Value);
    }

    [Theory]
    [InlineData("daily_loss_limit", ScorecardStatus.Fail, 0.75)]
    [InlineData("trade_report_deadline", ScorecardStatus.Pass, 1.0)]
    public async Task ComputeAsync_RiskLimitCompliance_OnlyRiskBreachesCount(string rule, ScorecardStatus expected, double value)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(4, SecurityEventTypes.OrderSubmitted, "rl-1");
        await log.RecordAsync(1, SecurityEventTypes.ComplianceViolation, "compliance.risk-gate", SecurityOutcome.Failure, ("rule", rule));

        var m = (await log.ScoreAsync())[Ids.RiskLimitCompliance];

        Assert.Equal(expected, m.Status);
        Assert.Equal(value, m.Value);
    }

    // Acknowledged 14:59 after opening passes "< 15 minutes"; exactly 15:00 fails.
    [Theory]
    [InlineData(899, ScorecardStatus.Pass)]
    [InlineData(900, ScorecardStatus.Fail)]
    public async Task ComputeAsync_IncidentResponse_AtAndUnderFifteenMinutes(int seconds, ScorecardStatus expected)
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(Incident(SecurityEventTypes.IncidentOpened, "inc-1", "Identified", EvidenceTestLog.Start));
        await log.RecordAsync(Incident(SecurityEventTypes.IncidentUpdated, "inc-1", "Identified", EvidenceTestLog.Start.AddMinutes(1)));
        await log.RecordAsync(Incident(SecurityEventTypes.IncidentUpdated, "inc-1", "Acknowledged", EvidenceTestLog.Start.AddSeconds(seconds)));

        var m = (await log.ScoreAsync())[Ids.IncidentResponseTime];

        Assert.Equal(expected, m.Status);
        Assert.Equal(seconds / 60.0, m.Value!.Value, 9);
        Assert.Equal(1, m.Denominator);
    }

    [Fact]
    public async Task ComputeAsync_IncidentNeverAcknowledged_CountsUntilPeriodEnd()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(Incident(SecurityEventTypes.IncidentOpened, "inc-1", "Identified", EvidenceTestLog.Start.AddMinutes(30)));

        var m = (await log.ScoreAsync())[Ids.IncidentResponseTime];

        Assert.Equal(ScorecardStatus.Fail, m.Status);
        Assert.Equal(30.0, m.Value);
    }

    [Fact]
    public async Task ComputeAsync_Gdpr_CompletedShareOfReceivedRequests()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, EvidenceEventTypes.SubjectRequestReceived, "dpo", SecurityOutcome.Success, ("request_id", "r1"));
        await log.RecordAsync(1, EvidenceEventTypes.SubjectRequestReceived, "dpo", SecurityOutcome.Success, ("request_id", "r2"));
        await log.RecordAsync(1, EvidenceEventTypes.SubjectRequestCompleted, "dpo", SecurityOutcome.Success, ("request_id", "r1"));

        var m = (await log.ScoreAsync())[Ids.GdprCompliance];

        Assert.Equal(ScorecardStatus.Fail, m.Status);
        Assert.Equal(0.5, m.Value);
    }

    [Fact]
    public async Task ComputeAsync_OutsidePeriod_RecordsIgnoredAndSequencesReported()
    {
        await using var log = new EvidenceTestLog(clockStart: EvidenceTestLog.Start.AddMinutes(-1));
        await log.RecordAsync(5, SecurityEventTypes.LoginFailed, outcome: SecurityOutcome.Failure);
        log.Time.SetUtcNow(EvidenceTestLog.Start);
        await log.RecordAsync(2, SecurityEventTypes.LoginSucceeded);
        log.Time.SetUtcNow(EvidenceTestLog.Hour.To);
        await log.RecordAsync(5, SecurityEventTypes.LoginFailed, outcome: SecurityOutcome.Failure);

        var s = await log.ScoreAsync();

        Assert.Equal(2, s.RecordCount);
        Assert.Equal(5, s.FirstSequence);
        Assert.Equal(6, s.LastSequence);
        Assert.Equal(0.0, s[Ids.FailedLoginRate].Value);
    }

    [Fact]
    public async Task ComputeAsync_EverySeedMetric_PresentAndUnmeasurableNeverPass()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.LoginSucceeded);

        var s = await log.ScoreAsync();

        Assert.Equal(28, s.Metrics.Count);
        Assert.Equal(28, s.Metrics.Select(m => m.Id).Distinct().Count());
        foreach (var id in new[] { Ids.SessionTimeoutCompliance, Ids.RoleAssignmentAccuracy, Ids.PermissionAuditCompliance, Ids.ClassificationAccuracy, Ids.ApiAbuseDetection, Ids.MarketManipulationPrevention, Ids.SecurityTrainingCompletion, Ids.PatchCompliance })
        {
            Assert.Equal(ScorecardStatus.NotMeasured, s[id].Status);
            Assert.False(string.IsNullOrWhiteSpace(s[id].Reason));
        }

        Assert.Equal(ScorecardStatus.Pass, s[Ids.AuditTrailCompleteness].Status);
        Assert.Equal(s.Metrics.Count, s.Passed + s.Failed + s.NotMeasured);
    }

    [Fact]
    public async Task ComputeAsync_Composites_PassedShareOfMeasuredMembers()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(4, SecurityEventTypes.OrderSubmitted, "rl-1");
        await log.RecordAsync(1, SecurityEventTypes.PrivilegeEscalation, outcome: SecurityOutcome.Denied);

        var s = await log.ScoreAsync();

        // SOX members measured: access violations (4 order actions, 0 denials: pass), escalation (1: fail), risk limits (pass), audit completeness (pass).
        var sox = s[Ids.SoxControlEffectiveness];
        Assert.Equal(3, sox.Numerator);
        Assert.Equal(4, sox.Denominator);
        Assert.Equal(ScorecardStatus.Fail, sox.Status);

        // SOC 2 members measured: access violations, data-loss incidents (0) and audit completeness, all passing; the escalation is not a member.
        var soc2 = s[Ids.Soc2ControlCompliance];
        Assert.Equal(3, soc2.Numerator);
        Assert.Equal(3, soc2.Denominator);
        Assert.Equal(ScorecardStatus.Pass, soc2.Status);

        // Security policy: every measured 9.1 metric; here access violations (pass), escalation (fail) and data-loss incidents (pass).
        var policy = s[Ids.SecurityPolicyCompliance];
        Assert.Equal(2, policy.Numerator);
        Assert.Equal(3, policy.Denominator);
        Assert.Equal(2 / 3.0, policy.Value);
        Assert.Equal(ScorecardStatus.Fail, policy.Status);
    }

    [Fact]
    public async Task ComputeAsync_ReversedPeriod_Throws()
    {
        await using var log = new EvidenceTestLog();
        using var calculator = log.Calculator();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await calculator.ComputeAsync(EvidenceTestLog.Start, EvidenceTestLog.Start));
    }

    [Fact]
    public async Task ComputeAsync_MoreRecordsThanLimit_ThrowsNamingTheSetting()
    {
        await using var log = new EvidenceTestLog(o => o.MaxRecords = 2);
        await log.RecordAsync(3, SecurityEventTypes.LoginSucceeded);
        using var calculator = log.Calculator();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await calculator.ComputeAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To));
        Assert.Contains("EvidenceOptions.MaxRecords", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputeAsync_Gauges_ReportLatestScorecard()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.LoginFailed, outcome: SecurityOutcome.Failure);
        await log.RecordAsync(3, SecurityEventTypes.LoginSucceeded);
        using var calculator = log.Calculator();
        using var values = new MetricCollector<double>(null, TradingSecurityTelemetry.Name, "tradingrl.security.scorecard.value");
        using var status = new MetricCollector<int>(null, TradingSecurityTelemetry.Name, "tradingrl.security.scorecard.status");

        await calculator.ComputeAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To);
        values.RecordObservableInstruments();
        status.RecordObservableInstruments();

        Assert.Contains(values.GetMeasurementSnapshot(), x => Equals(x.Tags["metric"], Ids.FailedLoginRate) && x.Value == 0.25);
        Assert.Contains(status.GetMeasurementSnapshot(), x => Equals(x.Tags["metric"], Ids.FailedLoginRate) && x.Value == 0);
        Assert.Contains(status.GetMeasurementSnapshot(), x => Equals(x.Tags["metric"], Ids.PatchCompliance) && x.Value == -1);
    }

    [Fact]
    public async Task Writers_JsonAndMarkdown_CarryEveryMetricWithItsQuery()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(1, SecurityEventTypes.LoginFailed, outcome: SecurityOutcome.Failure);
        await log.RecordAsync(3, SecurityEventTypes.LoginSucceeded);
        var s = await log.ScoreAsync();

        using var doc = JsonDocument.Parse(ScorecardJsonWriter.ToJson(s));
        var metrics = doc.RootElement.GetProperty("metrics");
        Assert.Equal(28, metrics.GetArrayLength());
        var failed = metrics.EnumerateArray().Single(m => m.GetProperty("id").GetString() == Ids.FailedLoginRate);
        Assert.Equal(0.25, failed.GetProperty("value").GetDouble());
        Assert.Equal("Fail", failed.GetProperty("status").GetString());
        var patch = metrics.EnumerateArray().Single(m => m.GetProperty("id").GetString() == Ids.PatchCompliance);
        Assert.Equal(JsonValueKind.Null, patch.GetProperty("value").ValueKind);
        Assert.True(patch.TryGetProperty("reason", out _));

        var md = ScorecardMarkdownWriter.ToMarkdown(s);
        Assert.Contains("| 9.1 Authentication | Failed login rate (`auth.failed_login_rate`) | &lt; 1% | 25% | **FAIL** | 1 / 4 |", md, StringComparison.Ordinal);
        Assert.Contains("- `auth.failed_login_rate`: count(type = 'auth.login.failed')", md, StringComparison.Ordinal);
    }

    private static SecurityEvent Incident(SecurityEventDescriptor type, string id, string status, DateTimeOffset at) =>
        EvidenceTestLog.Event(type, "rule:failed-login-burst", SecurityOutcome.Success, "incident/" + id, at, ("incident_id", id), ("status", status));

    private sealed class EnrolledSet(params string[] subjects) : IMfaEnrollmentSource
    {
        public ValueTask<bool> IsEnrolledAsync(string subject, CancellationToken cancellationToken = default) => ValueTask.FromResult(subjects.Contains(subject));
    }
}
