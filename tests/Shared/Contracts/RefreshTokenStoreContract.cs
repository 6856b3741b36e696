using TradingRl.Security.Auth.RefreshTokens;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>What every <see cref="IRefreshTokenStore"/> promises; derive once per implementation.</summary>
public abstract class RefreshTokenStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, 123, TimeSpan.Zero);

    /// <summary>Makes the store under test; every test uses its own token, family and subject names.</summary>
    protected abstract IRefreshTokenStore CreateStore();

    [ContractFact]
    public async Task AddAsync_ThenFindAsync_ReturnsTheStoredFields()
    {
        var store = CreateStore();
        var r = Record(Id("hash"), Id("fam"), Id("sub"), "session-1");
        await store.AddAsync(r);

        var found = await store.FindAsync(r.TokenHash);

        Assert.NotNull(found);
        Assert.Equal(r.TokenHash, found.TokenHash);
        Assert.Equal(r.FamilyId, found.FamilyId);
        Assert.Equal(r.Subject, found.Subject);
        Assert.Equal("session-1", found.SessionId);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 30, 0, 123, TimeSpan.Zero), found.IssuedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, 123, TimeSpan.Zero), found.IdleExpiresAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 30, 0, 123, TimeSpan.Zero), found.FamilyExpiresAt);
        Assert.Null(found.UsedAt);
    }

    [ContractFact]
    public async Task AddAsync_OffsetTimes_ReadBackAsTheSameInstant()
    {
        var store = CreateStore();
        var r = Record(Id("hash"), Id("fam"), Id("sub"), "s") with { IssuedAt = new DateTimeOffset(2026, 3, 2, 11, 30, 0, TimeSpan.FromHours(2)) };
        await store.AddAsync(r);

        var found = await store.FindAsync(r.TokenHash);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero), found!.IssuedAt);
    }

    [ContractFact]
    public async Task AddAsync_SameHashTwice_ThrowsAndKeepsTheFirst()
    {
        var store = CreateStore();
        var hash = Id("hash");
        await store.AddAsync(Record(hash, "family-a", Id("sub"), "s"));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.AddAsync(Record(hash, "family-b", Id("sub"), "s")));
        Assert.Equal("family-a", (await store.FindAsync(hash))!.FamilyId);
    }

    [ContractFact]
    public async Task FindAsync_UnknownHash_ReturnsNull()
    {
        var store = CreateStore();

        Assert.Null(await store.FindAsync(Id("missing")));
    }

    [ContractFact]
    public async Task TryMarkUsedAsync_Twice_TrueThenFalseAndKeepsTheFirstTime()
    {
        var store = CreateStore();
        var r = Record(Id("hash"), Id("fam"), Id("sub"), "s");
        await store.AddAsync(r);

        Assert.True(await store.TryMarkUsedAsync(r.TokenHash, T0.AddMinutes(1)));
        Assert.False(await store.TryMarkUsedAsync(r.TokenHash, T0.AddMinutes(2)));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 31, 0, 123, TimeSpan.Zero), (await store.FindAsync(r.TokenHash))!.UsedAt);
    }

    [ContractFact]
    public async Task TryMarkUsedAsync_UnknownHash_ReturnsFalse()
    {
        var store = CreateStore();

        Assert.False(await store.TryMarkUsedAsync(Id("missing"), T0));
    }

    [ContractFact]
    public async Task TryMarkUsedAsync_ManyConcurrentCallers_ExactlyOneSucceeds()
    {
        var store = CreateStore();
        var r = Record(Id("hash"), Id("fam"), Id("sub"), "s");
        await store.AddAsync(r);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () => await store.TryMarkUsedAsync(r.TokenHash, T0.AddSeconds(i)))));

        Assert.Equal(1, results.Count(x => x));
    }

    [ContractFact]
    public async Task RevokeFamilyAsync_Twice_FamilyRevokedOthersNot()
    {
        var store = CreateStore();
        var family = Id("fam");

        await store.RevokeFamilyAsync(family);
        await store.RevokeFamilyAsync(family);

        Assert.True(await store.IsFamilyRevokedAsync(family));
        Assert.False(await store.IsFamilyRevokedAsync(Id("other")));
    }

    [ContractFact]
    public async Task RevokeForSubjectAsync_AllSessions_RevokesEachFamilyOnceAndCountsThem()
    {
        var store = CreateStore();
        var alice = Id("alice");
        var bob = Id("bob");
        var (f1, f2, f3) = (Id("f1"), Id("f2"), Id("f3"));
        await store.AddAsync(Record(Id("t1"), f1, alice, "s1"));
        await store.AddAsync(Record(Id("t2"), f1, alice, "s1"));
        await store.AddAsync(Record(Id("t3"), f2, alice, "s2"));
        await store.AddAsync(Record(Id("t4"), f3, bob, "s3"));

        Assert.Equal(2, await store.RevokeForSubjectAsync(alice));
        Assert.Equal(0, await store.RevokeForSubjectAsync(alice));
        Assert.True(await store.IsFamilyRevokedAsync(f1));
        Assert.True(await store.IsFamilyRevokedAsync(f2));
        Assert.False(await store.IsFamilyRevokedAsync(f3));
    }

    [ContractFact]
    public async Task RevokeForSubjectAsync_OneSession_RevokesOnlyThatSessionsFamily()
    {
        var store = CreateStore();
        var alice = Id("alice");
        var (f1, f2) = (Id("f1"), Id("f2"));
        await store.AddAsync(Record(Id("t1"), f1, alice, "s1"));
        await store.AddAsync(Record(Id("t2"), f2, alice, "s2"));

        Assert.Equal(1, await store.RevokeForSubjectAsync(alice, "s2"));
        Assert.False(await store.IsFamilyRevokedAsync(f1));
        Assert.True(await store.IsFamilyRevokedAsync(f2));
    }

    [ContractFact]
    public async Task RevokeForSubjectAsync_UnknownSubject_ReturnsZero()
    {
        var store = CreateStore();

        Assert.Equal(0, await store.RevokeForSubjectAsync(Id("nobody")));
    }

    [ContractFact]
    public async Task Members_NullArguments_ThrowArgumentNullException()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.AddAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.FindAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.TryMarkUsedAsync(null!, T0));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.RevokeFamilyAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.IsFamilyRevokedAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.RevokeForSubjectAsync(null!));
    }

    /// <summary>A name unique to one test, so suites sharing a database never see each other's rows.</summary>
    protected static string Id(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N");

    private static RefreshTokenRecord Record(string hash, string family, string subject, string session) =>
        new(hash, family, subject, session, T0, T0.AddMinutes(30), T0.AddDays(7));
}
