using TradingRl.Security.Auth.Sessions;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>The behaviour every <see cref="ISessionStore"/> must have; derive it once per implementation.</summary>
public abstract class SessionStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly string _idBase = "s_contract_" + Guid.NewGuid().ToString("N") + "_";

    /// <summary>Gets the store under test (one per test).</summary>
    protected abstract ISessionStore Store { get; }

    protected string Id(string name) => _idBase + name;

    protected SessionRecord New(string name, string subject = "alice", DateTimeOffset? at = null) =>
        new(Id(name), subject + _idBase, at ?? T0, at ?? T0, (at ?? T0).AddHours(12)) { AuthenticationMethods = ["pwd", "otp"], SourceAddress = "10.0.0.7" };

    [ContractFact]
    public async Task AddAsync_ThenGet_ReturnsEveryField()
    {
        var s = New("fields") with { LastSeenAt = T0.AddTicks(7) };
        await Store.AddAsync(s);
        var got = await Store.GetAsync(s.SessionId);
        Assert.NotNull(got);
        Assert.Equal(s.SessionId, got.SessionId);
        Assert.Equal(s.Subject, got.Subject);
        Assert.Equal(T0, got.CreatedAt);
        Assert.Equal(T0.AddTicks(7), got.LastSeenAt);
        Assert.Equal(T0.AddHours(12), got.ExpiresAt);
        Assert.Null(got.RevokedAt);
        Assert.Equal(["pwd", "otp"], got.AuthenticationMethods);
        Assert.Equal("10.0.0.7", got.SourceAddress);
    }

    [ContractFact]
    public async Task AddAsync_NoAddressNoMethods_RoundTripsThem()
    {
        var s = New("bare") with { SourceAddress = null, AuthenticationMethods = [] };
        await Store.AddAsync(s);
        var got = await Store.GetAsync(s.SessionId);
        Assert.NotNull(got);
        Assert.Null(got.SourceAddress);
        Assert.Empty(got.AuthenticationMethods);
    }

    [ContractFact]
    public async Task AddAsync_UnicodeSubjectAndAddress_RoundTrip()
    {
        var s = New("unicode", subject: "zoë-日本") with { SourceAddress = "fe80::1%eth0", AuthenticationMethods = ["hwk", "mfa"] };
        await Store.AddAsync(s);
        var got = await Store.GetAsync(s.SessionId);
        Assert.Equal(s.Subject, got!.Subject);
        Assert.Equal("fe80::1%eth0", got.SourceAddress);
        Assert.Single(await Store.ListAsync(s.Subject));
    }

    [ContractFact]
    public async Task AddAsync_SameIdTwice_Throws_AndKeepsTheFirst()
    {
        var s = New("duplicate");
        await Store.AddAsync(s);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Store.AddAsync(s with { Subject = "mallory" }));
        Assert.Equal(s.Subject, (await Store.GetAsync(s.SessionId))!.Subject);
    }

    [ContractFact]
    public async Task GetAsync_Unknown_IsNull() => Assert.Null(await Store.GetAsync(Id("unknown")));

    [ContractFact]
    public async Task TouchAsync_Later_MovesLastSeen()
    {
        var s = New("touch");
        await Store.AddAsync(s);
        Assert.True(await Store.TouchAsync(s.SessionId, T0.AddMinutes(3).AddTicks(1)));
        Assert.Equal(T0.AddMinutes(3).AddTicks(1), (await Store.GetAsync(s.SessionId))!.LastSeenAt);
    }

    [ContractFact]
    public async Task TouchAsync_SameOrEarlier_IsRefusedAndChangesNothing()
    {
        var s = New("touch-back");
        await Store.AddAsync(s);
        Assert.True(await Store.TouchAsync(s.SessionId, T0.AddMinutes(3)));
        Assert.False(await Store.TouchAsync(s.SessionId, T0.AddMinutes(3)));
        Assert.False(await Store.TouchAsync(s.SessionId, T0.AddMinutes(3).AddTicks(-1)));
        Assert.Equal(T0.AddMinutes(3), (await Store.GetAsync(s.SessionId))!.LastSeenAt);
    }

    [ContractFact]
    public async Task TouchAsync_UnknownOrRevoked_IsRefused()
    {
        Assert.False(await Store.TouchAsync(Id("nope"), T0));
        var s = New("touch-revoked");
        await Store.AddAsync(s);
        await Store.RevokeAsync(s.SessionId, T0.AddMinutes(1));
        Assert.False(await Store.TouchAsync(s.SessionId, T0.AddMinutes(2)));
        Assert.Equal(T0, (await Store.GetAsync(s.SessionId))!.LastSeenAt);
    }

    [ContractFact]
    public async Task RevokeAsync_Once_SetsRevokedAt_SecondTimeFalse()
    {
        var s = New("revoke");
        await Store.AddAsync(s);
        Assert.True(await Store.RevokeAsync(s.SessionId, T0.AddMinutes(1)));
        Assert.False(await Store.RevokeAsync(s.SessionId, T0.AddMinutes(2)));
        Assert.Equal(T0.AddMinutes(1), (await Store.GetAsync(s.SessionId))!.RevokedAt);
        Assert.False(await Store.RevokeAsync(Id("unknown"), T0));
    }

    [ContractFact]
    public async Task RevokeAsync_Concurrent_ExactlyOneSucceeds()
    {
        var s = New("revoke-race");
        await Store.AddAsync(s);
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () => await Store.RevokeAsync(s.SessionId, T0.AddSeconds(i + 1)))));
        Assert.Single(results, r => r);
    }

    [ContractFact]
    public async Task TouchAsync_Concurrent_KeepsTheLatest()
    {
        var s = New("touch-race");
        await Store.AddAsync(s);
        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(async () => await Store.TouchAsync(s.SessionId, T0.AddSeconds(i)))));
        Assert.Equal(T0.AddSeconds(50), (await Store.GetAsync(s.SessionId))!.LastSeenAt);
    }

    [ContractFact]
    public async Task ListAsync_ReturnsTheSubjectsUnrevokedSessions_OldestFirst()
    {
        var a1 = New("list-a1", at: T0.AddMinutes(2));
        var a2 = New("list-a2", at: T0);
        var a3 = New("list-a3", at: T0.AddMinutes(1));
        var b = New("list-b", subject: "bob");
        foreach (var s in new[] { a1, a2, a3, b })
        {
            await Store.AddAsync(s);
        }

        await Store.RevokeAsync(a3.SessionId, T0.AddMinutes(5));
        var list = await Store.ListAsync(a1.Subject);
        Assert.Equal([a2.SessionId, a1.SessionId], list.Select(s => s.SessionId));
        Assert.All(list, s => Assert.Equal(["pwd", "otp"], s.AuthenticationMethods));
        Assert.Empty(await Store.ListAsync("nobody" + Id("x")));
    }

    [ContractFact]
    public async Task Members_NullArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.AddAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.ListAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.TouchAsync(null!, T0));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.RevokeAsync(null!, T0));
    }
}
