using System.Security.Cryptography;
using TradingRl.Security.Events;
using TradingRl.Security.Incidents;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>What every <see cref="IIncidentStore"/> promises; derive once per implementation.</summary>
public abstract class IncidentStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Makes the store under test; it may hold other tests' incidents (each test asserts only on its own).</summary>
    protected abstract IIncidentStore CreateStore();

    [ContractFact]
    public async Task TrySaveAsync_FirstVersion_ReadsBackWhole()
    {
        var store = CreateStore();
        var incident = New("key-a", T0) with
        {
            Severity = SecuritySeverity.High,
            Assignee = "oncall",
            EventCount = 7,
            Timeline = [new IncidentTimelineEntry(T0, "rule:brute-force", IncidentTimelineAction.Opened, "opened by brute-force", IncidentStatus.Identified)],
        };

        Assert.True(await store.TrySaveAsync(incident));
        var read = await store.GetAsync(incident.Id);

        Assert.NotNull(read);
        Assert.Equal(incident.Id, read.Id);
        Assert.Equal(1, read.Version);
        Assert.Equal("key-a", read.DedupKey);
        Assert.Equal(SecuritySeverity.High, read.Severity);
        Assert.Equal(IncidentStatus.Identified, read.Status);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), read.OpenedAt);
        Assert.Equal("oncall", read.Assignee);
        Assert.Equal(7, read.EventCount);
        var entry = Assert.Single(read.Timeline);
        Assert.Equal(new IncidentTimelineEntry(T0, "rule:brute-force", IncidentTimelineAction.Opened, "opened by brute-force", IncidentStatus.Identified), entry);
    }

    [ContractFact]
    public async Task TrySaveAsync_VersionsInOrder_SucceedAndStaleOrSkippedVersionsFail()
    {
        var store = CreateStore();
        var v1 = New("key-b", T0);

        Assert.True(await store.TrySaveAsync(v1));
        Assert.False(await store.TrySaveAsync(v1));
        Assert.False(await store.TrySaveAsync(v1 with { Version = 3 }));
        Assert.True(await store.TrySaveAsync(v1 with { Version = 2, Status = IncidentStatus.Acknowledged }));
        Assert.False(await store.TrySaveAsync(v1 with { Version = 2, Status = IncidentStatus.Contained }));
        Assert.False(await store.TrySaveAsync(v1 with { Version = 0 }));

        var read = await store.GetAsync(v1.Id);
        Assert.Equal(2, read!.Version);
        Assert.Equal(IncidentStatus.Acknowledged, read.Status);
    }

    [ContractFact]
    public async Task TrySaveAsync_UnknownIncidentAtVersionTwo_ReturnsFalse()
    {
        var store = CreateStore();

        var incident = New("key-c", T0) with { Version = 2 };

        Assert.False(await store.TrySaveAsync(incident));
        Assert.Null(await store.GetAsync(incident.Id));
        Assert.DoesNotContain(incident.Id, (await store.ListAsync(openOnly: false)).Select(i => i.Id));
    }

    [ContractFact]
    public async Task TrySaveAsync_SameVersionConcurrently_ExactlyOneWins()
    {
        var store = CreateStore();
        var v1 = New("key-d", T0);
        await store.TrySaveAsync(v1);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => await store.TrySaveAsync(v1 with { Version = 2, Assignee = "analyst-" + i }))));

        Assert.Equal(1, results.Count(x => x));
        Assert.Equal(2, (await store.GetAsync(v1.Id))!.Version);
    }

    [ContractFact]
    public async Task FindLatestAsync_TwoIncidentsWithOneKey_ReturnsTheLaterOne()
    {
        var store = CreateStore();
        var key = "key-e-" + Guid.NewGuid().ToString("N");
        var first = New(key, T0);
        var second = New(key, T0.AddHours(1));
        await store.TrySaveAsync(first);
        await store.TrySaveAsync(New("key-f", T0.AddMinutes(30)));
        await store.TrySaveAsync(second);

        Assert.Equal(second.Id, (await store.FindLatestAsync(key))!.Id);
        Assert.Null(await store.FindLatestAsync("key-unknown"));
    }

    [ContractFact]
    public async Task ListAsync_OpenOnly_LeavesOutResolvedAndClosedOldestFirst()
    {
        var store = CreateStore();
        var a = New("key-g", T0);
        var b = New("key-h", T0.AddMinutes(1));
        var c = New("key-i", T0.AddMinutes(2));
        await store.TrySaveAsync(a);
        await store.TrySaveAsync(b);
        await store.TrySaveAsync(c);
        await store.TrySaveAsync(b with { Version = 2, Status = IncidentStatus.Resolved });

        string[] mine = [a.Id, b.Id, c.Id];

        Assert.Equal([a.Id, b.Id, c.Id], (await store.ListAsync(openOnly: false)).Select(i => i.Id).Where(mine.Contains));
        Assert.Equal([a.Id, c.Id], (await store.ListAsync(openOnly: true)).Select(i => i.Id).Where(mine.Contains));
    }

    [ContractFact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        var store = CreateStore();

        Assert.Null(await store.GetAsync("INC-20260105-FFFFFFFF"));
    }

    [ContractFact]
    public async Task Members_BadArguments_ThrowArgumentExceptions()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.TrySaveAsync(null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TrySaveAsync(New("k", T0) with { Id = "INC-2026-bad" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TrySaveAsync(New("k", T0) with { Id = "INC-20260105-0a0b0c0d" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.GetAsync(string.Empty));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.FindLatestAsync(null!));
    }

    private static Incident New(string key, DateTimeOffset openedAt) => new()
    {
        Id = $"INC-{openedAt:yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}",
        Version = 1,
        DedupKey = key,
        Title = "Brute force against " + key,
        OpenedAt = openedAt,
        UpdatedAt = openedAt,
        EscalationStartedAt = openedAt,
    };
}
