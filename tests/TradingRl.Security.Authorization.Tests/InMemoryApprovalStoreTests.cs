namespace TradingRl.Security.Authorization.Tests;

public sealed class InMemoryApprovalStoreTests
{
    private static readonly DateTimeOffset T = AuthorizationHost.Start;

    private static ApprovalRequest Pending(string id) =>
        new(id, "maker", Permissions.ModifyRiskLimits, "eq", "acct-1", "risk-limit/acct-1", T, T.AddHours(1), ApprovalStatus.Pending);

    [Fact]
    public async Task TryTransition_OnlyFromPending()
    {
        var store = new InMemoryApprovalStore();
        Assert.True(await store.AddAsync(Pending("r1")));
        Assert.False(await store.AddAsync(Pending("r1")));
        Assert.True(await store.TryTransitionAsync(Pending("r1") with { Status = ApprovalStatus.Approved, Checker = "c" }));
        Assert.False(await store.TryTransitionAsync(Pending("r1") with { Status = ApprovalStatus.Rejected, Checker = "d" }));
        Assert.False(await store.TryTransitionAsync(Pending("unknown") with { Status = ApprovalStatus.Approved }));
        Assert.Equal("c", (await store.GetAsync("r1"))!.Checker);
        Assert.Null(await store.GetAsync("unknown"));
    }

    [Fact]
    public async Task BadInput_Throws()
    {
        var store = new InMemoryApprovalStore();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.AddAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.TryTransitionAsync(null!));
    }
}
