using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents.Tests;

public sealed class DefaultDetectionRulesTests
{
    [Fact]
    public void Create_CoversEveryRowOfTheSeedTable_WithTheSeedSeverity()
    {
        // Section 6.2 of the seed, row by row.
        (string Id, SecuritySeverity Severity)[] seed =
        [
            ("failed-login-burst", SecuritySeverity.Critical),
            ("unauthorized-access", SecuritySeverity.Critical),
            ("encryption-failure", SecuritySeverity.Critical),
            ("security-config-change", SecuritySeverity.Critical),
            ("rate-limit-violations", SecuritySeverity.High),
            ("input-validation-failures", SecuritySeverity.High),
            ("suspicious-api-usage", SecuritySeverity.High),
            ("unusual-data-access", SecuritySeverity.High),
            ("password-change", SecuritySeverity.Medium),
            ("role-assignment-change", SecuritySeverity.Medium),
            ("security-patch-available", SecuritySeverity.Medium),
            ("compliance-violation", SecuritySeverity.Medium),
            ("login-new-location", SecuritySeverity.Low),
            ("api-usage-statistics", SecuritySeverity.Low),
            ("security-scan-results", SecuritySeverity.Low),
            ("compliance-report-generated", SecuritySeverity.Low),
        ];
        var rules = DefaultDetectionRules.Create().ToDictionary(r => r.Id);
        foreach (var (id, severity) in seed)
        {
            Assert.Equal(severity, rules[id].Severity);
        }

        Assert.Equal(19, rules.Count);
    }

    [Fact]
    public void Create_SeedNumbers_AreTheSeedThresholdsAndWindows()
    {
        var rules = DefaultDetectionRules.Create().ToDictionary(r => r.Id);
        Assert.Equal((5, TimeSpan.FromMinutes(5)), (rules["failed-login-burst"].Threshold, rules["failed-login-burst"].Window));
        Assert.Equal((100, TimeSpan.FromMinutes(1)), (rules["rate-limit-violations"].Threshold, rules["rate-limit-violations"].Window));
        Assert.Equal(["auth.login.failed"], rules["failed-login-burst"].EventTypes);
        Assert.Equal(["api.rate_limit.exceeded"], rules["rate-limit-violations"].EventTypes);
    }

    [Fact]
    public void Create_EveryRule_IsValidAndReadsOnlyCoreEventTypes()
    {
        var known = SecurityEventTypes.All.Select(d => d.Type).ToHashSet();
        foreach (var rule in DefaultDetectionRules.Create())
        {
            Assert.Empty(DetectionRuleValidator.Validate(rule));
            Assert.False(string.IsNullOrWhiteSpace(rule.Description));
            Assert.All(rule.EventTypes.Concat(rule.ThenEventTypes), t => Assert.Contains(t, known));
            Assert.All(rule.EventTypes, t => Assert.False(t.StartsWith("incident.", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Create_DataLeakageAndUnusualAccess_CoverTheSeedsDataMonitoring()
    {
        var rules = DefaultDetectionRules.Create().ToDictionary(r => r.Id);

        Assert.Equal(SecuritySeverity.Critical, rules[DefaultDetectionRules.DataLeakage].Severity);
        Assert.Equal(["data.leakage.detected"], rules[DefaultDetectionRules.DataLeakage].EventTypes);
        Assert.Equal(["data.access"], rules[DefaultDetectionRules.UnusualDataAccess].EventTypes);
    }

    [Fact]
    public void Process_DataLeakageEvent_RaisesCriticalAlert()
    {
        using var engine = TestData.Engine(TestData.Rule(DefaultDetectionRules.DataLeakage));
        var alerts = new List<SecurityAlert>();

        Assert.Equal(1, engine.Process(TestData.Of(SecurityEventTypes.DataLeakageDetected, TestData.T0, "rl-1", SecurityOutcome.Failure, "export/positions"), alerts));
        var alert = Assert.Single(alerts);
        Assert.Equal(SecuritySeverity.Critical, alert.Severity);
        Assert.Equal("rl-1", alert.GroupKey);
    }
}
