using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>What every <see cref="IUserStore"/> promises; derive once per implementation.</summary>
public abstract class UserStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, 250, TimeSpan.Zero);

    /// <summary>Makes the store under test; every test uses its own subjects and names.</summary>
    protected abstract IUserStore CreateStore();

    [ContractFact]
    public async Task TryAddAsync_ThenFind_ReturnsTheAccountByNameAndSubject()
    {
        var store = CreateStore();
        var (subject, name) = Unique();
        var account = new UserAccount(subject, name, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", ["trader", "viewer"], T0);

        Assert.True(await store.TryAddAsync(account));
        var byName = await store.FindByNameAsync(UserAccount.Normalize(name));
        var bySubject = await store.FindBySubjectAsync(subject);

        foreach (var found in new[] { byName, bySubject })
        {
            Assert.NotNull(found);
            Assert.Equal(subject, found.Subject);
            Assert.Equal(name, found.UserName);
            Assert.Equal("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", found.PasswordHash);
            Assert.Equal(["trader", "viewer"], found.Roles);
            Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 30, 0, 250, TimeSpan.Zero), found.CredentialsChangedAt);
        }
    }

    [ContractFact]
    public async Task TryAddAsync_TakenSubjectOrNormalisedName_ReturnsFalseAndKeepsTheFirst()
    {
        var store = CreateStore();
        var (subject, name) = Unique();
        Assert.True(await store.TryAddAsync(new UserAccount(subject, name, "h1", ["viewer"], T0)));

        Assert.False(await store.TryAddAsync(new UserAccount(subject, name + "-other", "h2", ["admin"], T0)));
        Assert.False(await store.TryAddAsync(new UserAccount(subject + "-other", name.ToUpperInvariant(), "h3", ["admin"], T0)));
        Assert.Equal("h1", (await store.FindBySubjectAsync(subject))!.PasswordHash);
        Assert.Null(await store.FindBySubjectAsync(subject + "-other"));
    }

    [ContractFact]
    public async Task TryAddAsync_SameNameConcurrently_AddsExactlyOne()
    {
        var store = CreateStore();
        var (subject, name) = Unique();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => await store.TryAddAsync(new UserAccount(subject + "-" + i, name, "h", ["viewer"], T0)))));

        Assert.Equal(1, results.Count(x => x));
    }

    [ContractFact]
    public async Task UpdateAsync_ExistingAccount_ReplacesIt()
    {
        var store = CreateStore();
        var (subject, name) = Unique();
        await store.TryAddAsync(new UserAccount(subject, name, "h1", ["viewer"], T0));

        Assert.True(await store.UpdateAsync(new UserAccount(subject, name, "h2", ["trader"], T0.AddHours(1))));

        var found = await store.FindByNameAsync(UserAccount.Normalize(name));
        Assert.Equal("h2", found!.PasswordHash);
        Assert.Equal(["trader"], found.Roles);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 30, 0, 250, TimeSpan.Zero), found.CredentialsChangedAt);
    }

    [ContractFact]
    public async Task UpdateAsync_UnknownSubjectOrChangedName_ReturnsFalseAndChangesNothing()
    {
        var store = CreateStore();
        var (subject, name) = Unique();
        await store.TryAddAsync(new UserAccount(subject, name, "h1", ["viewer"], T0));

        Assert.False(await store.UpdateAsync(new UserAccount(subject + "-unknown", name, "h2", ["admin"], T0)));
        Assert.False(await store.UpdateAsync(new UserAccount(subject, name + "-renamed", "h3", ["admin"], T0)));
        Assert.Equal("h1", (await store.FindBySubjectAsync(subject))!.PasswordHash);
    }

    [ContractFact]
    public async Task Find_Unknown_ReturnsNull()
    {
        var store = CreateStore();

        Assert.Null(await store.FindByNameAsync("nobody-" + Guid.NewGuid().ToString("N")));
        Assert.Null(await store.FindBySubjectAsync("nobody-" + Guid.NewGuid().ToString("N")));
    }

    [ContractFact]
    public async Task Members_NullArguments_ThrowArgumentNullException()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.FindByNameAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.FindBySubjectAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.TryAddAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.UpdateAsync(null!));
    }

    private static (string Subject, string Name) Unique()
    {
        var n = Guid.NewGuid().ToString("N")[..12];
        return ("sub-" + n, "Trader.Ünal-" + n);
    }
}
