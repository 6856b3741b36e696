using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>What every <see cref="IAuditStore"/> promises, driven through <see cref="AuditTrail"/>; derive once per implementation.</summary>
public abstract class AuditStoreContract
{
    /// <summary>The trail's clock: 3 December 2026, 09:00 UTC.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Makes an empty store under test (a store holds one log, so each test needs its own).</summary>
    protected abstract IAuditStore CreateStore();

    [ContractFact]
    public async Task OpenAsync_NewStore_ReportsAnEmptyNewLog()
    {
        await using var store = CreateStore();

        var recovery = await store.OpenAsync();

        Assert.Equal(new AuditStoreRecovery(0, 0, true), recovery);
    }

    [ContractFact]
    public async Task AppendAsync_ThreeGroups_ReadBackInLogOrderAndVerify()
    {
        var store = CreateStore();
        await using var trail = Trail(store);

        await trail.AppendAsync(Event(0));
        await trail.AppendRangeAsync(new[] { Event(1), Event(2), Event(3) });
        await trail.AppendAsync(Event(4));

        var entries = await ReadAllAsync(store, 0);

        Assert.Equal(["r0", "c1", "r1", "r2", "r3", "c4", "r4", "c5"], entries.Select(e => (e.Commit is null ? "r" : "c") + e.Sequence));
        Assert.All(entries.Where(e => e.Commit is null), e => Assert.Equal(32, e.LeafHash.Length));
        var result = await AuditLogVerifier.VerifyAsync(store, trail.PublicKey);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(5, result.RecordCount);
    }

    [ContractFact]
    public async Task ReadAsync_FromASequence_StartsAtThatRecord()
    {
        var store = CreateStore();
        await using var trail = Trail(store);
        await trail.AppendRangeAsync(new[] { Event(0), Event(1), Event(2) });
        await trail.AppendAsync(Event(3));

        var entries = await ReadAllAsync(store, 2);

        Assert.Equal(["r2", "c3", "r3", "c4"], entries.Select(e => (e.Commit is null ? "r" : "c") + e.Sequence));
    }

    [ContractFact]
    public async Task AppendAsync_ManyConcurrentAppenders_StoresEveryRecordOnceAndVerifies()
    {
        var store = CreateStore();
        await using var trail = Trail(store);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () => await trail.AppendAsync(Event(i)))));

        Assert.Equal(Enumerable.Range(0, 64).Select(i => (long)i), results.Select(r => r.Sequence).Order());
        var verified = await AuditLogVerifier.VerifyAsync(store, trail.PublicKey);
        Assert.True(verified.IsValid, verified.ToString());
        Assert.Equal(64, verified.RecordCount);
    }

    [ContractFact]
    public async Task SaveCheckpointAsync_ThenRead_ReturnsItSignedByTheLog()
    {
        var store = CreateStore();
        await using var trail = Trail(store);
        await trail.AppendRangeAsync(new[] { Event(0), Event(1) });

        var checkpoint = await trail.CheckpointAsync();
        var stored = await store.ReadCheckpointsAsync();

        var only = Assert.Single(stored);
        Assert.Equal(2, only.TreeSize);
        Assert.Equal(checkpoint.ToNote(), only.ToNote());
        Assert.True(only.Verify(trail.PublicKey.Span));
    }

    [ContractFact]
    public async Task AppendAsync_MalformedGroups_ThrowArgumentExceptionAndStoreNothing()
    {
        var store = CreateStore();
        await using var trail = Trail(store);
        await trail.AppendAsync(Event(0));
        var commit = trail.LatestCommit!;

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.AppendAsync(null!, commit));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AppendAsync([], commit));

        // A group that does not follow the stored log (record #0 again) and whose commit does not cover it.
        var first = (await ReadAllAsync(store, 0))[0];
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AppendAsync([first], commit));

        var verified = await AuditLogVerifier.VerifyAsync(store, trail.PublicKey);
        Assert.Equal(1, verified.RecordCount);
        Assert.True(verified.IsValid, verified.ToString());
    }

    [ContractFact]
    public async Task PruneAsync_CutOffBeforeEveryRecord_RemovesNothing()
    {
        var store = CreateStore();
        await using var trail = Trail(store);
        await trail.AppendRangeAsync(new[] { Event(0), Event(1) });

        Assert.Equal(0, await store.PruneAsync(Start.AddDays(-1)));

        var verified = await AuditLogVerifier.VerifyAsync(store, trail.PublicKey);
        Assert.Equal(0, verified.PrunedRecords);
        Assert.True(verified.IsValid, verified.ToString());
    }

    /// <summary>A trail with an ephemeral signing key over the store, on a fake clock.</summary>
    protected static AuditTrail Trail(IAuditStore store, string? keyDirectory = null) =>
        new(store, Options.Create(keyDirectory is null ? new AuditTrailOptions { InMemory = true } : new AuditTrailOptions { Directory = keyDirectory }), new FakeTimeProvider(Start));

    /// <summary>A distinct event.</summary>
    protected static SecurityEvent Event(int n) =>
        new("compliance.order.checked", SecuritySeverity.Info, Start.AddSeconds(n)) { Actor = "agent-" + n, Resource = "order/" + n };

    /// <summary>Reads the whole log from a sequence number.</summary>
    protected static async Task<List<AuditStoreEntry>> ReadAllAsync(IAuditStore store, long fromSequence)
    {
        var entries = new List<AuditStoreEntry>();
        await foreach (var e in store.ReadAsync(fromSequence))
        {
            entries.Add(e);
        }

        return entries;
    }
}
