namespace TradingRl.Security.Authorization.Tests;

public sealed class InMemoryRoleAssignmentStoreTests
{
    [Fact]
    public async Task TryReplace_StaleVersion_Refused()
    {
        var store = new InMemoryRoleAssignmentStore();
        Assert.True(await store.TryReplaceAsync(new RoleAssignment("bob", "eq", ["viewer"], 1), 0));
        Assert.False(await store.TryReplaceAsync(new RoleAssignment("bob", "eq", ["admin"], 1), 0));
        Assert.True(await store.TryReplaceAsync(new RoleAssignment("bob", "eq", ["trader"], 2), 1));
        Assert.False(await store.TryReplaceAsync(new RoleAssignment("bob", "eq", ["admin"], 2), 1));
        var stored = await store.GetAsync("bob");
        Assert.Equal(2, stored!.Version);
        Assert.Equal(["trader"], stored.Roles);
        Assert.Null(await store.GetAsync("nobody"));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task TryReplace_ConcurrentWriters_ExactlyOneWinsEachVersion()
    {
        var store = new InMemoryRoleAssignmentStore();
        var wins = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            await store.TryReplaceAsync(new RoleAssignment("bob", null, [$"r{i}"], 1), 0))));
        Assert.Single(wins, w => w);
    }

    [Fact]
    public async Task TryReplace_BadInput_Throws()
    {
        var store = new InMemoryRoleAssignmentStore();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.TryReplaceAsync(null!, 0));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.TryReplaceAsync(new RoleAssignment("bob", null, [], 5), 0));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.GetAsync(null!));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetAsync("bob", new CancellationToken(true)));
    }
}
