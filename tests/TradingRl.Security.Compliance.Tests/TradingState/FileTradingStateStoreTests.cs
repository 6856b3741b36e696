using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.TradingStates;

public sealed class FileTradingStateStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tradingrl-states-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_KeepsAnEngagedKillSwitchAndItsEngagers()
    {
        var options = Options.Create(new ComplianceOptions());
        using (var f = new RiskFixture().WithDefaults())
        {
            var states = new TradingStateController(f.Book, f.Cancels, f.Events, new PermissionCatalog(), options, f.Time, new FileTradingStateStore(_dir));
            await states.EngageAsync(KillSwitchScope.ForAccount("acct-1"), "alice", "runaway");
            Assert.True(states.SetState(KillSwitchScope.ForStrategy("ppo"), TradingState.ReduceOnly, RiskFixture.Person("bob"), "drift"));
        }

        using var after = new RiskFixture().WithDefaults();
        var restored = new TradingStateController(after.Book, after.Cancels, after.Events, new PermissionCatalog(), options, after.Time, new FileTradingStateStore(_dir));
        Assert.True(restored.IsEngaged(KillSwitchScope.ForAccount("acct-1")));
        Assert.Equal(TradingState.ReduceOnly, restored.GetState(KillSwitchScope.ForStrategy("ppo")));
        Assert.Equal(KillSwitchReleaseResult.SelfReleaseRefused, restored.Release(KillSwitchScope.ForAccount("acct-1"), RiskFixture.Person("alice"), "ok"));
        Assert.Equal(KillSwitchReleaseResult.Released, restored.Release(KillSwitchScope.ForAccount("acct-1"), RiskFixture.Person("bob"), "ok"));
        Assert.Single(after.Events.OfType(SecurityEventTypes.KillSwitchReleased));

        var third = new FileTradingStateStore(_dir).Load();
        Assert.Equal(2, third.Count);
        Assert.DoesNotContain(third, r => r.KillSwitchEngaged);
        Assert.False(File.Exists(Path.Combine(_dir, "trading-states.json.tmp")));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("[{\"Kind\":\"Account\",\"Id\":\"\",\"State\":\"Active\",\"Engaged\":true,\"EngagedBy\":[],\"UpdatedAt\":\"2026-12-01T00:00:00+00:00\"}]")]
    [InlineData("[{\"Kind\":\"Global\",\"Id\":null,\"State\":\"Active\",\"Engaged\":true,\"EngagedBy\":[],\"UpdatedAt\":\"2026-12-01T00:00:00+00:00\"}")]
    public void Constructor_UnreadableFile_ThrowsRatherThanForget(string content)
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "trading-states.json"), content);

        var ex = Assert.Throws<InvalidDataException>(() => new FileTradingStateStore(_dir));
        Assert.Contains("trading-states.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveAndLoad_RoundTripsEveryField()
    {
        var store = new FileTradingStateStore(_dir);
        var at = new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.Zero);
        store.Save(new TradingStateRecord(KillSwitchScope.Global, TradingState.Halted, true, ["ops"], at));

        var r = Assert.Single(new FileTradingStateStore(_dir).Load());
        Assert.Equal(KillSwitchScope.Global, r.Scope);
        Assert.Equal(TradingState.Halted, r.State);
        Assert.True(r.KillSwitchEngaged);
        Assert.Equal(["ops"], r.EngagedBy);
        Assert.Equal(at, r.UpdatedAt);
        Assert.Throws<ArgumentNullException>(() => store.Save(null!));
        Assert.Throws<ArgumentException>(() => new FileTradingStateStore(" "));
    }
}
