using TradingRl.Security.Auth.Lockout;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>The behaviour every <see cref="ILockoutStore"/> must have; derive it once per implementation.</summary>
public abstract class LockoutStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly string _keyBase = "contract/" + Guid.NewGuid().ToString("N") + "/";

    /// <summary>Gets the store under test (one per test).</summary>
    protected abstract ILockoutStore Store { get; }

    protected string Key(string name) => _keyBase + name;

    [ContractFact]
    public async Task GetAsync_Unknown_IsNull() => Assert.Null(await Store.GetAsync(Key("unknown")));

    [ContractFact]
    public async Task SetAsync_ThenGet_ReturnsTheState()
    {
        var k = Key("set");
        await Store.SetAsync(k, new LockoutState(T0.AddMinutes(5).AddTicks(3), 2));
        var s = await Store.GetAsync(k);
        Assert.NotNull(s);
        Assert.Equal(T0.AddMinutes(5).AddTicks(3), s.LockedUntil);
        Assert.Equal(2, s.Lockouts);
    }

    [ContractFact]
    public async Task SetAsync_UntilUnlocked_RoundTripsMaxValue()
    {
        var k = Key("forever");
        await Store.SetAsync(k, new LockoutState(DateTimeOffset.MaxValue, 7));
        Assert.Equal(new LockoutState(DateTimeOffset.MaxValue, 7), await Store.GetAsync(k));
    }

    [ContractFact]
    public async Task SetAsync_Twice_KeepsTheLast()
    {
        var k = Key("twice");
        await Store.SetAsync(k, new LockoutState(T0, 1));
        await Store.SetAsync(k, new LockoutState(T0.AddHours(1), 2));
        Assert.Equal(new LockoutState(T0.AddHours(1), 2), await Store.GetAsync(k));
    }

    [ContractFact]
    public async Task SetAsync_Null_Clears_AndOnlyThatKey()
    {
        var k = Key("clear");
        var other = Key("clear-other");
        await Store.SetAsync(k, new LockoutState(T0, 1));
        await Store.SetAsync(other, new LockoutState(T0, 3));
        await Store.SetAsync(k, null);
        Assert.Null(await Store.GetAsync(k));
        Assert.Equal(new LockoutState(T0, 3), await Store.GetAsync(other));
        await Store.SetAsync(Key("never-set"), null);
    }

    [ContractFact]
    public async Task Members_NullKey_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.SetAsync(null!, new LockoutState(T0, 1)));
    }
}
