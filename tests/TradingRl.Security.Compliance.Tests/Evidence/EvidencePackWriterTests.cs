using System.Text;
using System.Text.Json;
using TradingRl.Security.Compliance.Evidence;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.Evidence;

public sealed class EvidencePackWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evidence-tests", Guid.NewGuid().ToString("N"));

    public static TheoryData<string> PackFiles =>
    [
        "access-reviews/records.json", "change-management/records.json", "encryption/records.json", "authentication/records.json",
        "incidents/records.json", "risk-and-kill-switch/records.json", "trade-reporting/records.json", "manifest.json", "checkpoint.note",
    ];

    [Fact]
    public async Task WriteAsync_RecordedDay_OneFolderPerFamilyWithSequencesAndVerifies()
    {
        await using var log = await RecordedAsync();
        var manifest = await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack);

        Assert.Equal(7, manifest.Files.Count);
        Assert.Equal([1L, 2L], File(manifest, "access-reviews").Sequences);
        Assert.Equal([3L, 4L], File(manifest, "change-management").Sequences);
        Assert.Equal([5L], File(manifest, "encryption").Sequences);
        Assert.Equal([6L, 7L, 8L], File(manifest, "authentication").Sequences);
        Assert.Equal([9L, 10L], File(manifest, "incidents").Sequences);
        Assert.Equal([11L, 12L], File(manifest, "risk-and-kill-switch").Sequences);
        Assert.Equal([13L, 14L], File(manifest, "trade-reporting").Sequences);
        Assert.Equal(16, manifest.PackRecordSequence);
        Assert.Equal(17, manifest.Checkpoint.TreeSize);

        var result = await EvidencePackVerifier.VerifyAsync(Pack, log.Trail.PublicKey, log.Trail);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(7, result.FilesChecked);
    }

    [Fact]
    public async Task WriteAsync_Summaries_ApproverMakerCheckerResponseTimeAndDeadlines()
    {
        await using var log = await RecordedAsync();
        await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack);

        var grant = Summary("access-reviews", "role_changes")[0];
        Assert.Equal("granted", grant.GetProperty("change").GetString());
        Assert.Equal("carol", grant.GetProperty("subject").GetString());
        Assert.Equal("admin", grant.GetProperty("approver").GetString());
        var approval = Summary("change-management", "approvals")[0];
        Assert.Equal("bob", approval.GetProperty("maker").GetString());
        Assert.Equal("alice", approval.GetProperty("checker").GetString());
        Assert.Equal("approved", approval.GetProperty("decision").GetString());
        Assert.False(approval.GetProperty("maker_is_checker").GetBoolean());
        var incident = Summary("incidents", "response_times")[0];
        Assert.Equal(12.0, incident.GetProperty("response_minutes").GetDouble());
        Assert.True(incident.GetProperty("within_15_minutes").GetBoolean());
        var report = Summary("trade-reporting", "reports")[0];
        Assert.Equal("t-1", report.GetProperty("trade_id").GetString());
        Assert.True(report.GetProperty("late").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(PackFiles))]
    public async Task VerifyAsync_AnyFileEdited_Fails(string file)
    {
        await using var log = await RecordedAsync();
        await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack);
        var path = Path.Combine(Pack, file);
        var text = await System.IO.File.ReadAllTextAsync(path);
        await System.IO.File.WriteAllTextAsync(path, file == "checkpoint.note" ? text.Replace('1', '2') : text.Replace("\"", "\" ", StringComparison.Ordinal).Insert(1, " "));

        var result = await EvidencePackVerifier.VerifyAsync(Pack, log.Trail.PublicKey);

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task VerifyAsync_FolderGivenWithTrailingSeparator_StillVerifies()
    {
        // Path.GetFullPath keeps the trailing '/', so root + '/' is "pack//" and every listed file is reported "outside the pack".
        await using var log = await RecordedAsync();
        await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack);

        var result = await EvidencePackVerifier.VerifyAsync(Pack + Path.DirectorySeparatorChar, log.Trail.PublicKey, log.Trail);

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task VerifyAsync_FileAndManifestHashBothEdited_FailsOnThePackRecord()
    {
        await using var log = await RecordedAsync();
        await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack);
        var path = Path.Combine(Pack, "incidents/records.json");
        var edited = Encoding.UTF8.GetBytes((await System.IO.File.ReadAllTextAsync(path)).Replace("inc-1", "inc-9", StringComparison.Ordinal));
        await System.IO.File.WriteAllBytesAsync(path, edited);
        var manifest = EvidencePackManifest.Parse(await System.IO.File.ReadAllBytesAsync(Path.Combine(Pack, "manifest.json")));
        var files = manifest.Files.Select(f => f.Path == "incidents/records.json"
            ? f with { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(edited)), Length = edited.Length }
            : f).ToList();
        var forged = new EvidencePackManifest(manifest.From, manifest.To, manifest.GeneratedAt, files, EvidencePackManifest.DigestFiles(files),
            manifest.PackRecordSequence, manifest.PackRecordData.Span, manifest.InclusionProof, manifest.Checkpoint, manifest.VerifierKey);
        await System.IO.File.WriteAllBytesAsync(Path.Combine(Pack, "manifest.json"), forged.ToJson());

        var result = await EvidencePackVerifier.VerifyAsync(Pack, log.Trail.PublicKey);

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Contains("files_digest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_UnlistedFileAdded_Fails()
    {
        await using var log = await RecordedAsync();
        await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack);
        await System.IO.File.WriteAllTextAsync(Path.Combine(Pack, "incidents", "extra.json"), "{}");

        var result = await EvidencePackVerifier.VerifyAsync(Pack, log.Trail.PublicKey);

        Assert.Contains(result.Problems, p => p.Contains("extra.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_LiveTrailShorterThanThePacksCheckpoint_Fails()
    {
        // The pack is checked against a live trail with fewer records than its signed checkpoint (a truncated log, or another
        // log): the root cannot be compared, and that is a problem, not a silent pass.
        await using var log = await RecordedAsync();
        await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack);
        await using var shorter = new EvidenceTestLog();
        await shorter.RecordAsync(1, SecurityEventTypes.LoginSucceeded);

        var result = await EvidencePackVerifier.VerifyAsync(Pack, log.Trail.PublicKey, shorter.Trail);

        Assert.Contains(result.Problems, p => p.Contains("fewer than the pack's signed checkpoint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_OtherKey_FailsSignature()
    {
        await using var log = await RecordedAsync();
        await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack);
        await using var other = new EvidenceTestLog();
        await other.RecordAsync(1, SecurityEventTypes.LoginSucceeded);

        var result = await EvidencePackVerifier.VerifyAsync(Pack, other.Trail.PublicKey);

        Assert.Contains(result.Problems, p => p.Contains("signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_MissingOrMalformedManifest_InvalidWithReason()
    {
        await using var log = await RecordedAsync();
        Directory.CreateDirectory(Pack);

        Assert.Contains("no manifest", (await EvidencePackVerifier.VerifyAsync(Pack, log.Trail.PublicKey)).Problems[0], StringComparison.Ordinal);
        await System.IO.File.WriteAllTextAsync(Path.Combine(Pack, "manifest.json"), "{\"format\":");
        Assert.Contains("not a valid evidence-pack manifest", (await EvidencePackVerifier.VerifyAsync(Pack, log.Trail.PublicKey)).Problems[0], StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(async () => await EvidencePackVerifier.VerifyAsync(Pack, new byte[31]));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(async () => await EvidencePackVerifier.VerifyAsync(Pack + "-none", log.Trail.PublicKey));
    }

    [Fact]
    public async Task WriteAsync_FolderNotEmpty_ThrowsAndLeavesItAlone()
    {
        await using var log = await RecordedAsync();
        Directory.CreateDirectory(Pack);
        await System.IO.File.WriteAllTextAsync(Path.Combine(Pack, "keep.txt"), "earlier");

        await Assert.ThrowsAsync<IOException>(async () => await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack));
        Assert.Equal(["keep.txt"], Directory.GetFiles(Pack).Select(Path.GetFileName));
        Assert.Single(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task WriteAsync_ReversedPeriod_ThrowsAndWritesNothing()
    {
        await using var log = await RecordedAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Writer(log).WriteAsync(EvidenceTestLog.Hour.To, EvidenceTestLog.Hour.From, Pack));
        Assert.False(Directory.Exists(Pack));
    }

    [Fact]
    public async Task WriteAsync_ProtectedProperties_ListedByNameOnly()
    {
        await using var log = await RecordedAsync();
        await Writer(log).WriteAsync(EvidenceTestLog.Hour.From, EvidenceTestLog.Hour.To, Pack);

        using var doc = JsonDocument.Parse(await System.IO.File.ReadAllBytesAsync(Path.Combine(Pack, "authentication/records.json")));
        var first = doc.RootElement.GetProperty("records")[0];
        Assert.Equal(JsonValueKind.Array, first.GetProperty("protected_properties").ValueKind);
        Assert.Equal("auth.login.succeeded", first.GetProperty("type").GetString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string Pack => Path.Combine(_root, "pack");

    private static EvidencePackWriter Writer(EvidenceTestLog log) => new(log.Trail, Microsoft.Extensions.Options.Options.Create(log.Options), log.Time);

    private static EvidenceFile File(EvidencePackManifest m, string family) => m.Files.Single(f => f.Path == family + "/records.json");

    private List<JsonElement> Summary(string family, string name)
    {
        var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(Pack, family, "records.json")));
        return [.. doc.RootElement.GetProperty("summary").GetProperty(name).EnumerateArray()];
    }

    // Sequence 0 is before the period; 1..14 one or two per family; 15 is an order (in no family); the pack record is 16.
    private static async Task<EvidenceTestLog> RecordedAsync()
    {
        var log = new EvidenceTestLog(clockStart: EvidenceTestLog.Start.AddMinutes(-5));
        var t = EvidenceTestLog.Start;
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.RoleAssigned, "admin", at: t.AddMinutes(-5), properties: [("role", "trader"), ("subject", "zed")]));
        log.Time.SetUtcNow(t);
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.RoleAssigned, "admin", resource: "user/carol", at: t, properties: [("role", "trader"), ("subject", "carol")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.PrivilegeEscalation, "carol", SecurityOutcome.Denied, at: t));
        await log.RecordAsync(EvidenceTestLog.Event(new("authz.approval.requested", SecurityEventCategory.Authorization, SecuritySeverity.Low, "r"), "bob", resource: "config/limits", at: t, properties: [("request", "a-1"), ("maker", "bob"), ("permission", "modify_risk_limits")]));
        await log.RecordAsync(EvidenceTestLog.Event(new("authz.approval.decided", SecurityEventCategory.Authorization, SecuritySeverity.Medium, "d"), "alice", resource: "config/limits", at: t, properties: [("request", "a-1"), ("maker", "bob"), ("status", "approved")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.KeyRotated, "keyring", at: t, properties: [("action", "rotated")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.LoginSucceeded, "alice", at: t));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.LoginFailed, "bob", SecurityOutcome.Failure, at: t));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.AccountLocked, "bob", at: t));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.IncidentOpened, "rule:x", resource: "incident/inc-1", at: t, properties: [("status", "Identified")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.IncidentUpdated, "alice", resource: "incident/inc-1", at: t.AddMinutes(12), properties: [("status", "Acknowledged")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.ComplianceViolation, "compliance.risk-gate", SecurityOutcome.Failure, at: t, properties: [("rule", "daily_loss_limit")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.KillSwitchEngaged, "alice", resource: "killswitch/Global", at: t));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.TradeReported, "rl-1", resource: "trade/t-1", at: t, properties: [("trade_id", "t-1"), ("regime", "mifir"), ("due_by", "2026-12-03T09:01:00.0000000+00:00"), ("late", "true")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.ComplianceViolation, "rl-1", SecurityOutcome.Failure, at: t, properties: [("rule", "trade_report_deadline"), ("trade_id", "t-1")]));
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.OrderSubmitted, "rl-1", at: t));
        return log;
    }
}
