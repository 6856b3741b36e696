using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Compliance.Evidence;
using TradingRl.Security.Encryption;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

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

    [Fact]
    public async Task EraseAsync_CryptoShredded_ExportHoldsNoReadablePersonalDataAndLogVerifies()
    {
        await using var log = new EvidenceTestLog();
        using var profiles = new ProfileStore(log.Time);
        profiles.Save("alice", "alice@example.com");
        profiles.Save("bob", "bob@example.com");
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.LoginSucceeded, "alice"));
        var service = Service(log, [profiles], [profiles]);
        await service.GrantConsentAsync("alice", "analytics", "alice");
        await service.GrantConsentAsync("alice", "marketing", "alice");
        await service.WithdrawConsentAsync("alice", "marketing", "alice");
        Assert.Contains("alice@example.com", await ExportTextAsync(service, "alice"), StringComparison.Ordinal);

        log.Time.Advance(TimeSpan.FromMinutes(5));
        var result = await service.EraseAsync("alice", "dpo");

        var after = await ExportTextAsync(service, "alice");
        Assert.DoesNotContain("alice@example.com", after, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(after);
        var profile = doc.RootElement.GetProperty("sources").GetProperty("profile")[0];
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("email").ValueKind);
        Assert.Equal("erased", profile.GetProperty("state").GetString());
        Assert.All(doc.RootElement.GetProperty("consents").EnumerateArray(), c => Assert.NotEqual(JsonValueKind.Null, c.GetProperty("withdrawn_at").ValueKind));
        Assert.Equal("bob@example.com", profiles.Read("bob"));
        Assert.True((await log.Trail.VerifyAsync()).IsValid);

        Assert.Equal(1, result.ConsentsWithdrawn);
        Assert.Equal(EvidenceTestLog.Start.AddMinutes(5), result.ErasedAt);
        Assert.Equal(["profile"], result.Evidence.Keys);
        Assert.Equal(profiles.LastEvidence!.EvidenceDigest, result.Evidence["profile"]);
        Assert.Matches("^[0-9a-f]{64}$", result.Evidence["profile"]);
        var completed = await Records(log, "privacy.request.completed", result.RequestId);
        var record = Assert.Single(completed);
        Assert.Equal(SecurityOutcome.Success, record.Outcome);
        Assert.Equal("dpo", record.Actor);
        Assert.Equal("user/alice", record.Resource);
        Assert.Equal("1", record.Properties["consents_withdrawn"]);
        Assert.Equal("1", record.Properties["stores"]);
        Assert.Equal(profiles.LastEvidence.EvidenceDigest, record.Properties["evidence.profile"]);
        Assert.Single(await Records(log, "privacy.request.received", result.RequestId));
    }

    [Fact]
    public async Task EraseAsync_Twice_SecondFindsNothingToErase()
    {
        await using var log = new EvidenceTestLog();
        using var profiles = new ProfileStore(log.Time);
        profiles.Save("alice", "alice@example.com");
        var service = Service(log, [], [profiles]);

        var first = await service.EraseAsync("alice", "dpo");
        var second = await service.EraseAsync("alice", "dpo");

        Assert.Single(first.Evidence);
        Assert.Empty(second.Evidence);
        Assert.Equal(0, second.ConsentsWithdrawn);
        Assert.NotEqual(first.RequestId, second.RequestId);
    }

    [Fact]
    public async Task EraseAsync_NoEraserRegistered_ThrowsAndRecordsTheRequestAsFailed()
    {
        await using var log = new EvidenceTestLog();
        var service = Service(log);
        await service.GrantConsentAsync("alice", "analytics", "alice");

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await service.EraseAsync("alice", "dpo"));

        var (received, completed) = await LastRequestAsync(log);
        Assert.Equal("erasure", received.Properties["kind"]);
        Assert.Equal(SecurityOutcome.Failure, completed.Outcome);
        Assert.Equal("InvalidOperationException", completed.Properties["error"]);
        Assert.Equal("0", completed.Properties["stores"]);
        Assert.True(Assert.Single(await service.ListConsentsAsync("alice")).IsActive);
        var gdpr = (await log.ScoreAsync())[ScorecardMetricIds.GdprCompliance];
        Assert.Equal(ScorecardStatus.Fail, gdpr.Status);
        Assert.Equal(1, gdpr.Numerator);
        Assert.Equal(2, gdpr.Denominator);
    }

    [Fact]
    public async Task EraseAsync_EraserThrows_RecordedAsFailedWithTheEvidenceSoFarAndRethrown()
    {
        await using var log = new EvidenceTestLog();
        var logs = new FakeLogCollector();
        var first = new FakeEraser("a-keys", "digest-a");
        var failing = new FakeEraser("b-files", "unused") { Failure = new IOException("disk /secret/alice unavailable") };
        var third = new FakeEraser("c-cache", "digest-c");
        var service = Service(log, [], [first, failing, third], new FakeLogger<DataSubjectService>(logs));

        await Assert.ThrowsAsync<IOException>(async () => await service.EraseAsync("alice", "dpo"));

        var (_, completed) = await LastRequestAsync(log);
        Assert.Equal(SecurityOutcome.Failure, completed.Outcome);
        Assert.Equal("IOException", completed.Properties["error"]);
        Assert.Equal("digest-a", completed.Properties["evidence.a-keys"]);
        Assert.False(completed.Properties.ContainsKey("evidence.b-files"));
        Assert.Equal(["alice"], first.Calls);
        Assert.Equal(["alice"], failing.Calls);
        Assert.Empty(third.Calls);
        var entry = Assert.Single(logs.GetSnapshot());
        Assert.Equal(6501, entry.Id.Id);
        Assert.DoesNotContain("alice", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", entry.Message, StringComparison.Ordinal);
        Assert.True((await log.Trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task EraseAsync_EvidenceReferenceTooLong_RecordedAsFailed()
    {
        await using var log = new EvidenceTestLog();
        var service = Service(log, [], [new FakeEraser("keys", new string('d', 257))]);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await service.EraseAsync("alice", "dpo"));

        var (_, completed) = await LastRequestAsync(log);
        Assert.Equal(SecurityOutcome.Failure, completed.Outcome);
        Assert.False(completed.Properties.ContainsKey("evidence.keys"));
    }

    [Fact]
    public async Task EraseAsync_CancelledBeforeStart_RecordsNothing()
    {
        await using var log = new EvidenceTestLog();
        var eraser = new FakeEraser("keys", "digest");
        var service = Service(log, [], [eraser]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await service.EraseAsync("alice", "dpo", new CancellationToken(canceled: true)));

        Assert.Equal(0, log.Trail.Count);
        Assert.Empty(eraser.Calls);
    }

    [Fact]
    public async Task EraseAsync_CancelledBetweenStores_StopsAndRecordsTheRequestAsCancelled()
    {
        await using var log = new EvidenceTestLog();
        using var cts = new CancellationTokenSource();
        var first = new FakeEraser("a-keys", "digest-a") { OnErase = cts.Cancel };
        var second = new FakeEraser("b-files", "digest-b");
        var service = Service(log, [], [first, second]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await service.EraseAsync("alice", "dpo", cts.Token));

        var (_, completed) = await LastRequestAsync(log);
        Assert.Equal(SecurityOutcome.Failure, completed.Outcome);
        Assert.Equal("cancelled", completed.Properties["error"]);
        Assert.Equal("digest-a", completed.Properties["evidence.a-keys"]);
        Assert.Empty(second.Calls);
    }

    [Fact]
    public async Task EraseAsync_BadArguments_ThrowAndRecordNothing()
    {
        await using var log = new EvidenceTestLog();
        var eraser = new FakeEraser("keys", "digest");
        var service = Service(log, [], [eraser]);

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await service.EraseAsync(null!, "dpo"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await service.EraseAsync("", "dpo"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await service.EraseAsync(" \t", "dpo"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await service.EraseAsync(new string('a', 1025), "dpo"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await service.EraseAsync(new string('a', 1_000_000), "dpo"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await service.EraseAsync("alice", null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await service.EraseAsync("alice", new string('r', 1025)));

        Assert.Equal(0, log.Trail.Count);
        Assert.Empty(eraser.Calls);
        await service.EraseAsync(new string('a', 1024), "dpo");
        Assert.Equal([new string('a', 1024)], eraser.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Keys")]
    [InlineData("keys store")]
    [InlineData("0123456789012345678901234567890123456789012345678")]
    public void Constructor_BadEraserName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => Service(new EvidenceTestLog(), [], [new FakeEraser(name, "d")]));
    }

    [Fact]
    public void Constructor_DuplicateOrTooManyErasers_Throws()
    {
        Assert.Throws<ArgumentException>(() => Service(new EvidenceTestLog(), [], [new FakeEraser("keys", "d"), new FakeEraser("keys", "e")]));
        Assert.Throws<ArgumentException>(() => Service(new EvidenceTestLog(), [], [.. Enumerable.Range(0, 25).Select(i => new FakeEraser("s" + i, "d"))]));
        Assert.Throws<ArgumentException>(() => Service(new EvidenceTestLog(), [], [null!]));
        _ = Service(new EvidenceTestLog(), [], [.. Enumerable.Range(0, 24).Select(i => new FakeEraser("s" + i, "d"))]);
    }

    [Fact]
    public async Task ExportAsync_SourceThrows_RecordedAsFailedAndRethrown()
    {
        await using var log = new EvidenceTestLog();
        var service = Service(log, [new ThrowingSource()], []);

        await Assert.ThrowsAsync<TimeoutException>(async () => await service.ExportAsync("alice", "dpo", new MemoryStream()));

        var (received, completed) = await LastRequestAsync(log);
        Assert.Equal("export", received.Properties["kind"]);
        Assert.Equal(SecurityOutcome.Failure, completed.Outcome);
        Assert.Equal("TimeoutException", completed.Properties["error"]);
    }

    [Fact]
    public async Task ExportWithProtectedAsync_SelfExport_DoesNotDecryptAnotherPersonsProtectedValues()
    {
        // bob (actor) acts on user/alice; the record's protected value is bob's. alice's self-service export names the record
        // (resource user/alice) but must not give her bob's value in the clear (GDPR art. 15(4)); the officer's export does.
        await using var log = new EvidenceTestLog(protectedProperties: ["pnl"], protector: new FixedKeySecretProtector());
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.OrderFilled, "bob", resource: "user/alice", properties: [("pnl", "bob-secret-9876"), ("account", "acc-2")]));
        var service = Service(log);

        var own = await ExportTextAsync(service, "alice", new SecurityPrincipal("alice"));
        var dpo = await ExportTextAsync(service, "alice", new SecurityPrincipal("dpo") { Permissions = PermissionSet.Of(Permissions.ManageUsers) });

        Assert.DoesNotContain("bob-secret-9876", own, StringComparison.Ordinal);
        Assert.Contains("bob-secret-9876", dpo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportWithProtectedAsync_EntitledRequesterGetsClearValues_OthersGetNames()
    {
        await using var log = new EvidenceTestLog(protectedProperties: ["pnl"], protector: new FixedKeySecretProtector());
        await log.RecordAsync(EvidenceTestLog.Event(SecurityEventTypes.OrderFilled, "alice", properties: [("pnl", "1234.50"), ("account", "acc-1")]));
        var service = Service(log);

        var own = await ExportTextAsync(service, "alice", new SecurityPrincipal("alice"));
        var dpo = await ExportTextAsync(service, "alice", new SecurityPrincipal("dpo") { Permissions = PermissionSet.Of(Permissions.ManageUsers) });
        var other = await ExportTextAsync(service, "alice", new SecurityPrincipal("eve") { Permissions = PermissionSet.Of(Permissions.ViewOrders) });

        Assert.Equal("1234.50", Filled(own).GetProperty("protected_properties").GetProperty("pnl").GetString());
        Assert.Equal("1234.50", Filled(dpo).GetProperty("protected_properties").GetProperty("pnl").GetString());
        Assert.Equal(["pnl"], Filled(other).GetProperty("protected_properties").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("1234.50", other, StringComparison.Ordinal);
        var decrypted = new List<string>();
        await foreach (var r in log.Trail.QueryAsync(new() { Type = "privacy.request.completed" }))
        {
            decrypted.Add(r.Actor + ":" + r.Properties["decrypted"]);
        }

        Assert.Equal(["alice:own_records", "dpo:true", "eve:false"], decrypted);
    }

    [Fact]
    public async Task ExportWithProtectedAsync_BadArguments_ThrowAndRecordNothing()
    {
        await using var log = new EvidenceTestLog();
        var service = Service(log);

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await service.ExportWithProtectedAsync("alice", null!, Stream.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await service.ExportWithProtectedAsync("alice", new SecurityPrincipal("alice"), null!));
        await Assert.ThrowsAsync<ArgumentException>(async () => await service.ExportWithProtectedAsync("", new SecurityPrincipal("alice"), Stream.Null));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await service.ExportWithProtectedAsync("alice", new SecurityPrincipal("alice"), Stream.Null, new CancellationToken(canceled: true)));

        Assert.Equal(0, log.Trail.Count);
    }

    private static JsonElement Filled(string export) =>
        JsonDocument.Parse(export).RootElement.GetProperty("audit_records").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "trading.order.filled");

    private static async Task<string> ExportTextAsync(DataSubjectService service, string subject, SecurityPrincipal? requester = null)
    {
        using var output = new MemoryStream();
        if (requester is null)
        {
            await service.ExportAsync(subject, "dpo", output);
        }
        else
        {
            await service.ExportWithProtectedAsync(subject, requester, output);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static async Task<List<AuditRecord>> Records(EvidenceTestLog log, string type, string requestId)
    {
        var found = new List<AuditRecord>();
        await foreach (var r in log.Trail.QueryAsync(new() { Type = type }))
        {
            if (r.Properties.GetValueOrDefault("request_id") == requestId)
            {
                found.Add(r);
            }
        }

        return found;
    }

    private static async Task<(AuditRecord Received, AuditRecord Completed)> LastRequestAsync(EvidenceTestLog log)
    {
        var all = new List<AuditRecord>();
        await foreach (var r in log.Trail.QueryAsync(new()))
        {
            all.Add(r);
        }

        var completed = all[^1];
        Assert.Equal("privacy.request.completed", completed.Type);
        var received = all.Single(r => r.Type == "privacy.request.received" && r.Properties["request_id"] == completed.Properties["request_id"]);
        return (received, completed);
    }

    private static DataSubjectService Service(EvidenceTestLog log, params IPersonalDataSource[] sources) => Service(log, sources, []);

    private static DataSubjectService Service(EvidenceTestLog log, IPersonalDataSource[] sources, IPersonalDataEraser[] erasers, Microsoft.Extensions.Logging.ILogger<DataSubjectService>? logger = null) =>
        new(log.Trail, new InMemoryConsentStore(), sources, Options.Create(log.Options), erasers, log.Time, logger);

    /// <summary>A host's profile table whose personal fields are encrypted under the subject's key (the Encryption package's crypto-shredding).</summary>
    private sealed class ProfileStore : IPersonalDataSource, IPersonalDataEraser, IDisposable
    {
        private static readonly byte[] Context = "profile.email"u8.ToArray();
        private readonly KeyRing _ring;
        private readonly SubjectEncryptor _subjects;
        private readonly Dictionary<string, byte[]> _rows = new(StringComparer.Ordinal);

        public ProfileStore(TimeProvider time)
        {
            var options = Options.Create(new EncryptionOptions { KeyRingDirectory = "unused", CreateIfMissing = true });
            _ring = new KeyRing(options, new InMemoryKeyRingStore(), new LocalMasterKeyProvider(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()), time);
            _subjects = new SubjectEncryptor(new EnvelopeEncryptor(_ring, time), new InMemorySubjectKeyStore(), time);
        }

        public string Name => "profile";

        public SubjectErasureEvidence? LastEvidence { get; private set; }

        public void Save(string subject, string email) => _rows[subject] = _subjects.Encrypt(subject, Encoding.UTF8.GetBytes(email), Context);

        public string? Read(string subject)
        {
            try
            {
                return Encoding.UTF8.GetString(_subjects.Decrypt(subject, _rows[subject], Context));
            }
            catch (DecryptionFailedException e) when (e.Reason == DecryptionFailureReason.SubjectErased)
            {
                return null;
            }
        }

        public ValueTask<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ExportAsync(string subject, CancellationToken cancellationToken = default)
        {
            if (!_rows.ContainsKey(subject))
            {
                return ValueTask.FromResult<IReadOnlyList<IReadOnlyDictionary<string, string?>>>([]);
            }

            var email = Read(subject);
            return ValueTask.FromResult<IReadOnlyList<IReadOnlyDictionary<string, string?>>>(
                [new Dictionary<string, string?> { ["email"] = email, ["state"] = email is null ? "erased" : "active" }]);
        }

        public ValueTask<string?> EraseAsync(string subject, CancellationToken cancellationToken = default)
        {
            var evidence = _subjects.EraseSubject(subject);
            LastEvidence = evidence ?? LastEvidence;
            return ValueTask.FromResult(evidence?.EvidenceDigest);
        }

        public void Dispose()
        {
            _subjects.Dispose();
            _ring.Dispose();
        }
    }

    private sealed class FakeEraser(string name, string evidence) : IPersonalDataEraser
    {
        public string Name => name;

        public List<string> Calls { get; } = [];

        public Exception? Failure { get; init; }

        public Action? OnErase { get; init; }

        public ValueTask<string?> EraseAsync(string subject, CancellationToken cancellationToken = default)
        {
            Calls.Add(subject);
            OnErase?.Invoke();
            return Failure is null ? ValueTask.FromResult<string?>(evidence) : ValueTask.FromException<string?>(Failure);
        }
    }

    private sealed class ThrowingSource : IPersonalDataSource
    {
        public string Name => "broken";

        public ValueTask<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ExportAsync(string subject, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<IReadOnlyList<IReadOnlyDictionary<string, string?>>>(new TimeoutException("store did not answer"));
    }

    private sealed class UserSource : IPersonalDataSource
    {
        public string Name => "user";

        public ValueTask<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ExportAsync(string subject, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<IReadOnlyDictionary<string, string?>>>(subject == "alice"
                ? [new Dictionary<string, string?> { ["subject"] = "alice", ["email"] = "alice@example.com" }]
                : [new Dictionary<string, string?> { ["subject"] = subject, ["email"] = subject + "@example.com" }]);
    }
}
