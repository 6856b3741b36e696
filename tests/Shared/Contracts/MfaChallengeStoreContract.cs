using TradingRl.Security.Auth.SignIn;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>The behaviour every <see cref="IMfaChallengeStore"/> must have; derive it once per implementation.</summary>
public abstract class MfaChallengeStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly string _hashBase = "contract-" + Guid.NewGuid().ToString("N") + "-";

    /// <summary>Gets the store under test (one per test).</summary>
    protected abstract IMfaChallengeStore Store { get; }

    protected MfaChallenge New(string name, string? source = "10.0.0.7") => new(_hashBase + name, "u_alice", T0, T0.AddMinutes(5).AddTicks(3), source);

    [ContractFact]
    public async Task AddAsync_ThenGet_ReturnsEveryField()
    {
        var c = New("fields");
        await Store.AddAsync(c);
        Assert.Equal(c, await Store.GetAsync(c.ChallengeHash));
        Assert.Equal(c, await Store.GetAsync(c.ChallengeHash));
    }

    [ContractFact]
    public async Task AddAsync_NoSourceAddress_RoundTripsNull()
    {
        var c = New("no-source", source: null);
        await Store.AddAsync(c);
        Assert.Null((await Store.GetAsync(c.ChallengeHash))!.SourceAddress);
    }

    [ContractFact]
    public async Task AddAsync_SameHashAgain_ReplacesTheChallenge()
    {
        var c = New("replace");
        await Store.AddAsync(c);
        var again = c with { Subject = "u_bob", SourceAddress = null, ExpiresAt = T0.AddMinutes(1) };
        await Store.AddAsync(again);
        Assert.Equal(again, await Store.GetAsync(c.ChallengeHash));
    }

    [ContractFact]
    public async Task GetAsync_Unknown_IsNull() => Assert.Null(await Store.GetAsync(_hashBase + "unknown"));

    [ContractFact]
    public async Task TryRemoveAsync_Once_ThenGone()
    {
        var c = New("remove");
        await Store.AddAsync(c);
        Assert.True(await Store.TryRemoveAsync(c.ChallengeHash));
        Assert.False(await Store.TryRemoveAsync(c.ChallengeHash));
        Assert.Null(await Store.GetAsync(c.ChallengeHash));
        Assert.False(await Store.TryRemoveAsync(_hashBase + "unknown"));
    }

    [ContractFact]
    public async Task TryRemoveAsync_Concurrent_ExactlyOneCallerTakesIt()
    {
        var c = New("race");
        await Store.AddAsync(c);
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await Store.TryRemoveAsync(c.ChallengeHash))));
        Assert.Single(results, r => r);
    }

    [ContractFact]
    public async Task Members_NullArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.AddAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.TryRemoveAsync(null!));
    }
}
