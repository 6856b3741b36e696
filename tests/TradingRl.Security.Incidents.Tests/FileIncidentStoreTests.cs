using Microsoft.Extensions.Time.Testing;
using static TradingRl.Security.Incidents.Tests.TestData;

namespace TradingRl.Security.Incidents.Tests;

public sealed class FileIncidentStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "incidents-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TrySaveAsync_ThenNewStore_ReadsTheSameIncident()
    {
        string id;
        using (var store = new FileIncidentStore(_dir))
        {
            await using var manager = Manager(new FakeTimeProvider(T0), store: store);
            id = (await manager.RaiseAsync(Alert())).Id;
            await manager.AcknowledgeAsync(id, "dana");
        }

        using var reopened = new FileIncidentStore(_dir);
        var incident = await reopened.GetAsync(id);
        Assert.NotNull(incident);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal("dana", incident.AcknowledgedBy);
        Assert.Equal("alice", Assert.Single(incident.Alerts).GroupKey);
        Assert.Equal(id, (await reopened.FindLatestAsync("account-compromise:alice"))!.Id);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
        Assert.Equal([id + ".json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task TrySaveAsync_StaleVersion_IsRefusedAndNothingWritten()
    {
        using var store = new FileIncidentStore(_dir);
        var incident = new Incident { Id = "INC-20260105-0A0B0C0D", Version = 1, DedupKey = "k", Title = "t", OpenedAt = T0 };
        Assert.True(await store.TrySaveAsync(incident));
        Assert.False(await store.TrySaveAsync(incident));
        Assert.False(await store.TrySaveAsync(incident with { Version = 3, Title = "skipped" }));
        Assert.True(await store.TrySaveAsync(incident with { Version = 2, Title = "second" }));
        using var fresh = new FileIncidentStore(_dir);
        Assert.Equal("second", (await fresh.GetAsync(incident.Id))!.Title);
    }

    [Fact]
    public async Task TrySaveAsync_ConcurrentWritersOfOneVersion_OnlyOneWins()
    {
        using var store = new FileIncidentStore(_dir);
        var incident = new Incident { Id = "INC-20260105-0A0B0C0D", Version = 1, DedupKey = "k", Title = "t", OpenedAt = T0 };
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () => await store.TrySaveAsync(incident with { Title = $"writer-{i}" }))));
        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task GetAsync_CorruptFile_ThrowsStoreExceptionNamingTheFile()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "INC-20260105-0A0B0C0D.json");
        await File.WriteAllTextAsync(path, "{\"id\": \"INC-20260105-0A0B0C0D\", \"version\": ");
        using var store = new FileIncidentStore(_dir);
        var ex = await Assert.ThrowsAsync<IncidentStoreException>(() => store.GetAsync("INC-20260105-0A0B0C0D").AsTask());
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_FileWhoseIdDoesNotMatchItsName_IsRefused()
    {
        Directory.CreateDirectory(_dir);
        using (var store = new FileIncidentStore(_dir))
        {
            await store.TrySaveAsync(new Incident { Id = "INC-20260105-0A0B0C0D", Version = 1, DedupKey = "k", Title = "t" });
        }

        File.Move(Path.Combine(_dir, "INC-20260105-0A0B0C0D.json"), Path.Combine(_dir, "INC-20260105-FFFFFFFF.json"));
        using var tampered = new FileIncidentStore(_dir);
        await Assert.ThrowsAsync<IncidentStoreException>(() => tampered.ListAsync(false).AsTask());
    }

    [Fact]
    public async Task TrySaveAsync_BadInputs_Throw()
    {
        using var store = new FileIncidentStore(_dir);
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.TrySaveAsync(null!).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.TrySaveAsync(new Incident { Id = "../escape", Version = 1, DedupKey = "k", Title = "t" }).AsTask());
        Assert.Throws<ArgumentException>(() => new FileIncidentStore(" "));
        Assert.Null(await store.GetAsync("INC-20260105-0A0B0C0D"));
    }
}
