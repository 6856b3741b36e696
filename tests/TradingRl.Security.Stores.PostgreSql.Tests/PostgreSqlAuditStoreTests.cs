using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Tests.Contracts;

namespace TradingRl.Security.Tests;

public sealed class PostgreSqlAuditStoreTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private readonly TempDirectory _keyDirectory = new("tradingrl-audit-key");

    public void Dispose() => _keyDirectory.Dispose();

    [PostgreSqlFact]
    public async Task OpenAsync_AfterAHostRestart_KeepsEveryAcknowledgedRecordAndVerifies()
    {
        var schema = database.NewSchema();
        await using (var first = database.NewHost(options: o => o.Schema = schema))
        {
            await using var trail = Trail(first.GetRequiredService<IAuditStore>());
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () => await trail.AppendAsync(Event(i)))));
        }

        await using var second = database.NewHost(options: o => o.Schema = schema);
        var store = second.GetRequiredService<IAuditStore>();
        await using var reopened = Trail(store);
        await reopened.AppendAsync(Event(20));

        Assert.Equal(21, reopened.Count);
        var verified = await reopened.VerifyAsync();
        Assert.True(verified.IsValid, verified.ToString());
        Assert.Equal(21, verified.RecordCount);
    }

    [PostgreSqlFact]
    public async Task PruneAsync_CutOffAfterEveryRecord_RemovesDataKeepsHashesAndStillVerifies()
    {
        var schema = database.NewSchema();
        await using var host = database.NewHost(options: o => o.Schema = schema);
        var store = host.GetRequiredService<IAuditStore>();
        await using var trail = Trail(store);
        await trail.AppendRangeAsync(new[] { Event(0), Event(1), Event(2) });
        await trail.AppendAsync(Event(3));

        Assert.Equal(4, await store.PruneAsync(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero)));

        var entries = new List<AuditStoreEntry>();
        await foreach (var e in store.ReadAsync(0))
        {
            entries.Add(e);
        }

        Assert.All(entries.Where(e => e.Commit is null), e => Assert.True(e.IsPruned));
        var verified = await AuditLogVerifier.VerifyAsync(store, trail.PublicKey);
        Assert.True(verified.IsValid, verified.ToString());
        Assert.Equal(4, verified.PrunedRecords);
    }

    [PostgreSqlFact]
    public async Task AppendAsync_StaleGroupFromASecondWriterThroughTheSingleWriterPath_FailsInsteadOfForking()
    {
        var schema = database.NewSchema();
        await using var hostA = database.NewHost(options: o => o.Schema = schema);
        await using var hostB = database.NewHost(options: o => o.Schema = schema);
        var storeA = hostA.GetRequiredService<IAuditStore>();
        var storeB = hostB.GetRequiredService<IAuditStore>();
        await using var trailA = Trail(storeA);
        await trailA.AppendAsync(Event(0));
        var stored = new List<AuditStoreEntry>();
        await foreach (var e in storeA.ReadAsync(0))
        {
            stored.Add(e);
        }

        // Host B appends a group at #0 again through the single-writer AppendAsync (as if it had not seen host A's group): refused.
        var ex = await Assert.ThrowsAsync<ArgumentException>(async () => await storeB.AppendAsync([stored[0]], stored[1].Commit!));

        Assert.Contains("another writer appended to this log", ex.Message, StringComparison.Ordinal);
        var verified = await AuditLogVerifier.VerifyAsync(storeA, trailA.PublicKey);
        Assert.True(verified.IsValid, verified.ToString());
        Assert.Equal(1, verified.RecordCount);
    }

    private AuditTrail Trail(IAuditStore store) =>
        new(store, Microsoft.Extensions.Options.Options.Create(new AuditTrailOptions { Directory = _keyDirectory.Path }), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));

    private static Events.SecurityEvent Event(int n) =>
        new("compliance.order.checked", Events.SecuritySeverity.Info, new DateTimeOffset(2026, 12, 3, 9, 0, n, TimeSpan.Zero)) { Actor = "agent-" + n };
}
