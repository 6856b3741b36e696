using TradingRl.Security.Compliance;
using TradingRl.Security.Events;
using static TradingRl.Security.Compliance.Tests.RiskFixture;

namespace TradingRl.Security.Compliance.Tests.TradingStates;

public sealed class TradingStateControllerTests
{
    private static RiskFixture WithOrders()
    {
        var f = new RiskFixture().WithDefaults();
        f.Book.DefineAccount(new TradingAccount("acct-2", 1_000_000m));
        Assert.True(f.Check(Buy("a1", 1) with { Strategy = "alpha" }).IsAllowed);
        Assert.True(f.Check(Buy("a2", 1) with { Strategy = "beta" }).IsAllowed);
        Assert.True(f.Check(Buy("b1", 1, account: "acct-2") with { Strategy = "alpha" }).IsAllowed);
        return f;
    }

    [Fact]
    public async Task EngageAsync_Global_CancelsEveryOpenOrderAndBlocksNewOnes()
    {
        using var f = WithOrders();

        var n = await f.States.EngageAsync(KillSwitchScope.Global, "ops-alice", "runaway agent");

        Assert.Equal(3, n);
        Assert.Equal(["a1", "a2", "b1"], f.Cancels.Requested.Select(o => o.OrderId).Order().ToArray());
        Assert.True(f.States.IsEngaged(KillSwitchScope.Global));
        Assert.True(f.States.IsEngaged(KillSwitchScope.ForAccount("acct-2")));
        Assert.Equal(RiskReason.KillSwitchEngaged, f.Check(Buy("x", 1)).Reason);
        Assert.Equal(RiskReason.KillSwitchEngaged, f.Check(Sell("y", 1, account: "acct-2")).Reason);
        var e = Assert.Single(f.Events.OfType(SecurityEventTypes.KillSwitchEngaged));
        Assert.Equal("ops-alice", e.Actor);
        Assert.Equal("3", e.GetProperty("cancel_requests"));
        Assert.Equal("Global", e.GetProperty("scope"));

        // Reservations stay until the venue confirms each cancel.
        Assert.Equal(3, f.Book.GetOpenOrders().Count);
        foreach (var o in f.Cancels.Requested)
        {
            f.Gate.OnOrderCancelled(o.Account, o.OrderId);
        }

        Assert.Empty(f.Book.GetOpenOrders());
    }

    [Fact]
    public async Task EngageAsync_AccountOrStrategy_CancelsOnlyThatScope()
    {
        using var f = WithOrders();

        Assert.Equal(2, await f.States.EngageAsync(KillSwitchScope.ForStrategy("alpha"), "incident-rule-7", "spoofing alert"));
        Assert.Equal(["a1", "b1"], f.Cancels.Requested.Select(o => o.OrderId).Order().ToArray());
        Assert.Equal(RiskReason.KillSwitchEngaged, f.Check(Buy("x1", 1) with { Strategy = "alpha" }).Reason);
        Assert.True(f.Check(Buy("x2", 1, 99.00m) with { Strategy = "gamma" }).IsAllowed);

        Assert.Equal(3, await f.States.EngageAsync(KillSwitchScope.ForAccount("acct-1"), "ops-alice", "limit breach"));
        Assert.Equal(RiskReason.KillSwitchEngaged, f.Check(Buy("x3", 1, 99.00m)).Reason);
        Assert.True(f.Check(Buy("x4", 1, 99.00m, account: "acct-2")).IsAllowed);
        Assert.False(f.States.IsEngaged(KillSwitchScope.ForAccount("acct-2")));
    }

    [Fact]
    public async Task EngageAsync_GatewayFailure_IsCountedAndTheRestAreStillCancelled()
    {
        using var f = WithOrders();
        f.Cancels.FailWhen = o => o.OrderId == "a2";

        Assert.Equal(2, await f.States.EngageAsync(KillSwitchScope.Global, "ops", "test"));
        Assert.Equal("1", Assert.Single(f.Events.OfType(SecurityEventTypes.KillSwitchEngaged)).GetProperty("cancel_failures"));
        Assert.True(f.States.IsEngaged(KillSwitchScope.Global));
    }

    [Fact]
    public async Task Release_ByTheEngager_IsRefusedEvenWithTheirPermission()
    {
        using var f = WithOrders();
        await f.States.EngageAsync(KillSwitchScope.Global, "alice", "test");

        Assert.Equal(KillSwitchReleaseResult.SelfReleaseRefused, f.States.Release(KillSwitchScope.Global, Person("alice"), "all clear"));
        Assert.Equal(KillSwitchReleaseResult.SelfReleaseRefused, f.States.Release(KillSwitchScope.Global, Person("ALICE"), "all clear"));
        Assert.True(f.States.IsEngaged(KillSwitchScope.Global));
        var denied = f.Events.OfType(SecurityEventTypes.AccessDenied);
        Assert.Equal(2, denied.Count);
        Assert.All(denied, e => Assert.Equal("self_release", e.GetProperty("reason")));
        Assert.Empty(f.Events.OfType(SecurityEventTypes.KillSwitchReleased));
    }

    [Fact]
    public async Task Release_WithoutPermission_IsRefused()
    {
        using var f = WithOrders();
        await f.States.EngageAsync(KillSwitchScope.ForAccount("acct-1"), "alice", "test");

        Assert.Equal(KillSwitchReleaseResult.MissingPermission, f.States.Release(KillSwitchScope.ForAccount("acct-1"), Person("bob", canControl: false), "all clear"));
        Assert.True(f.States.IsEngaged(KillSwitchScope.ForAccount("acct-1")));
    }

    [Fact]
    public async Task Release_ByAnotherPermittedPerson_ReleasesAndPublishes()
    {
        using var f = WithOrders();
        await f.States.EngageAsync(KillSwitchScope.Global, "alice", "test");
        await f.States.EngageAsync(KillSwitchScope.Global, "carol", "test again");

        Assert.Equal(KillSwitchReleaseResult.SelfReleaseRefused, f.States.Release(KillSwitchScope.Global, Person("carol"), "ok"));
        Assert.Equal(KillSwitchReleaseResult.Released, f.States.Release(KillSwitchScope.Global, Person("bob"), "root cause fixed"));
        Assert.False(f.States.IsEngaged(KillSwitchScope.Global));
        var e = Assert.Single(f.Events.OfType(SecurityEventTypes.KillSwitchReleased));
        Assert.Equal("bob", e.Actor);
        Assert.Equal("root cause fixed", e.GetProperty("reason"));
        Assert.True(f.Check(Buy("x", 1, 99.00m)).IsAllowed);
        Assert.Equal(KillSwitchReleaseResult.NotEngaged, f.States.Release(KillSwitchScope.Global, Person("bob"), "again"));
        Assert.Equal(KillSwitchReleaseResult.NotEngaged, f.States.Release(KillSwitchScope.ForAccount("never"), Person("bob"), "again"));
    }

    [Fact]
    public void SetState_NeedsThePermissionAndPublishesChanges()
    {
        using var f = new RiskFixture().WithDefaults();
        var scope = KillSwitchScope.ForAccount("acct-1");

        Assert.False(f.States.SetState(scope, TradingState.Halted, Person("mallory", canControl: false), "x"));
        Assert.Equal(TradingState.Active, f.States.GetState(scope));
        Assert.True(f.States.SetState(scope, TradingState.Halted, Person("bob"), "review"));
        Assert.Equal(TradingState.Halted, f.States.GetState(scope));
        Assert.True(f.States.SetState(scope, TradingState.Halted, Person("bob"), "again"));

        var e = Assert.Single(f.Events.OfType(SecurityEventTypes.TradingStateChanged));
        Assert.Equal("Active", e.GetProperty("from"));
        Assert.Equal("Halted", e.GetProperty("to"));
        Assert.Equal("Account:acct-1", e.GetProperty("scope"));
    }

    [Fact]
    public async Task BadArguments_ThrowTypedErrors()
    {
        using var f = new RiskFixture().WithDefaults();

        await Assert.ThrowsAsync<ArgumentException>(async () => await f.States.EngageAsync(KillSwitchScope.Global, "", "x"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await f.States.EngageAsync(KillSwitchScope.Global, "a", " "));
        await Assert.ThrowsAsync<ArgumentException>(async () => await f.States.EngageAsync(new KillSwitchScope(KillSwitchScopeKind.Account, null), "a", "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.States.SetState(KillSwitchScope.Global, (TradingState)9, Person("bob"), "x"));
        Assert.Throws<ArgumentNullException>(() => f.States.Release(KillSwitchScope.Global, null!, "x"));
        Assert.False(f.States.IsEngaged(KillSwitchScope.Global));
    }
}
