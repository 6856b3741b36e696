using System.Text.Json;
using TradingRl.Security.Compliance.Evidence;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.Evidence;

public sealed class DataSubjectServiceTests
{
    [Fact]
    public async Task ExportAsync_EveryRecordAboutSubjectAndNothingAboutOthers()
    {
        await using var log = new EvidenceTestLog();
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.LoginSucceeded, "alice"));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.LoginFailed, "bob", SecurityOutcome.Failure));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.SessionCreated, "alice", resource: "session/s1"));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.RoleAssigned, "admin", resource: "user/alice", properties: [("role", "trader"), ("subject", "alice")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.RoleAssigned, "admin", resource: "user/bob", properties: [("role", "trader"), ("subject", "bob")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.AccountLocked, "carol", properties: [("subject", "alice")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.LoginSucceeded, "alicia"));
        var service = Service(log, new UserSource());
        await service.GrantConsentAsync("alice", "analytics", "alice");
        await service.GrantConsentAsync("bob", "analytics", "bob");
        using var output = new MemoryStream();

        var count = await service.ExportAsync("alice", "dpo", output);

        using var doc = JsonDocument.Parse(output.ToArray());
        var sequences = doc.RootElement.GetProperty("audit_records").EnumerateArray().Select(r => r.GetProperty("sequence").GetInt64()).ToList();
        // 0, 2, 3, 5: the events; 7, 8: alice's consent request; 11: this export's received record.
        Assert.Equal([0L, 2L, 3L, 5L, 7L, 8L, 11L], sequences);
        Assert.Equal(7, count);
        Assert.Equal("alice@example.com", doc.RootElement.GetProperty("sources").GetProperty("user")[0].GetProperty("email").GetString());
        Assert.Single(doc.RootElement.GetProperty("consents").EnumerateArray());
        var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.DoesNotContain("bob", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alicia", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_EachAuditedReceivedThenCompleted_GdprMetricPasses()
    {
        await using var log = new EvidenceTestLog();
        var service = Service(log);

        await service.GrantConsentAsync("alice", "analytics", "alice");
        await service.WithdrawConsentAsync("alice", "analytics", "alice");
        await service.ExportAsync("alice", "dpo", Stream.Null);

        var types = new List<string>();
        await foreach (var r in log.Trail.QueryAsync(new()))
        {
            types.Add(r.Type + "/" + r.Properties["kind"]);
        }

        Assert.Equal(
            ["privacy.request.received/consent.grant", "privacy.request.completed/consent.grant", "privacy.request.received/consent.withdraw",
             "privacy.request.completed/consent.withdraw", "privacy.request.received/export", "privacy.request.completed/export"], types);
        var gdpr = (await log.ScoreAsync())[ScorecardMetricIds.GdprCompliance];
        Assert.Equal(ScorecardStatus.Pass, gdpr.Status);
        Assert.Equal(3, gdpr.Denominator);
    }

    [Fact]
    public async Task Consent_GrantWithdrawAndHistory()
    {
        await using var log = new EvidenceTestLog();
        var service = Service(log);

        var granted = await service.GrantConsentAsync("alice", "analytics", "alice");
        Assert.Null(await service.GrantConsentAsync("alice", "analytics", "alice"));
        log.Time.Advance(TimeSpan.FromDays(1));
        var withdrawn = await service.WithdrawConsentAsync("alice", "analytics", "alice");
        Assert.Null(await service.WithdrawConsentAsync("alice", "analytics", "alice"));
        Assert.Null(await service.WithdrawConsentAsync("alice", "marketing", "alice"));

        Assert.Equal(EvidenceTestLog.Start, granted!.GrantedAt);
        Assert.Equal(EvidenceTestLog.Start.AddDays(1), withdrawn!.WithdrawnAt);
        var history = await service.ListConsentsAsync("alice");
        Assert.Equal([withdrawn], history);
        Assert.False(history[0].IsActive);
    }

    [Fact]
    public async Task Consent_ConcurrentGrants_OneActive()
    {
        await using var log = new EvidenceTestLog();
        var service = Service(log);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => service.GrantConsentAsync("alice", "analytics", "alice").AsTask()));

        Assert.Single(results, r => r is not null);
        Assert.Single(await service.ListConsentsAsync("alice"));
    }

    [Fact]
    public async Task Requests_BadArguments_ThrowAndAuditNothing()
    {
        await using var log = new EvidenceTestLog();
        var service = Service(log);

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await service.ExportAsync(null!, "dpo", Stream.Null));
        await Assert.ThrowsAsync<ArgumentException>(async () => await service.ExportAsync(" ", "dpo", Stream.Null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await service.ExportAsync(new string('a', 1025), "dpo", Stream.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await service.ExportAsync("alice", "dpo", null!));
        await Assert.ThrowsAsync<ArgumentException>(async () => await service.GrantConsentAsync("alice", "", "alice"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await service.GrantConsentAsync("alice", new string('p', 257), "alice"));

        Assert.Equal(0, log.Trail.Count);
    }

    private static DataSubjectService Service(EvidenceTestLog log, params IPersonalDataSource[] sources) =>
        new(log.Trail, new InMemoryConsentStore(), sources, Microsoft.Extensions.Options.Options.Create(log.Options), log.Time);

    private sealed class UserSource : IPersonalDataSource
    {
        public string Name => "user";

        public ValueTask<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ExportAsync(string subject, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<IReadOnlyDictionary<string, string?>>>(subject == "alice"
                ? [new Dictionary<string, string?> { ["subject"] = "alice", ["email"] = "alice@example.com" }]
                : [new Dictionary<string, string?> { ["subject"] = subject, ["email"] = subject + "@example.com" }]);
    }
}
