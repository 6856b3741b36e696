using TradingRl.Security.Stores;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>The behaviour every <see cref="ISlidingWindowCounterStore"/> must have; derive it once per implementation.</summary>
/// <remarks>The window is <c>(now - window, now]</c>: an occurrence exactly <c>window</c> old is outside.</remarks>
public abstract class SlidingWindowCounterStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly string _keyBase = "contract/" + Guid.NewGuid().ToString("N") + "/";

    /// <summary>Gets the store under test (one per test).</summary>
    protected abstract ISlidingWindowCounterStore Store { get; }

    protected string Key(string name) => _keyBase + name;

    [ContractFact]
    public async Task IncrementAsync_InOrder_ReturnsTheRunningCount()
    {
        var k = Key("running");
        Assert.Equal(1, await Store.IncrementAsync(k, T0, Window));
        Assert.Equal(2, await Store.IncrementAsync(k, T0.AddSeconds(1), Window));
        Assert.Equal(3, await Store.IncrementAsync(k, T0.AddSeconds(2), Window));
        Assert.Equal(3, await Store.CountAsync(k, T0.AddSeconds(2), Window));
    }

    [ContractFact]
    public async Task CountAsync_OccurrenceExactlyWindowOld_IsOutside()
    {
        var k = Key("boundary");
        await Store.IncrementAsync(k, T0, Window);
        Assert.Equal(1, await Store.CountAsync(k, T0 + Window - TimeSpan.FromTicks(1), Window));
        Assert.Equal(0, await Store.CountAsync(k, T0 + Window, Window));
    }

    [ContractFact]
    public async Task IncrementAsync_OccurrenceExactlyWindowOld_IsOutside()
    {
        var k = Key("boundary-increment");
        await Store.IncrementAsync(k, T0, Window);
        Assert.Equal(2, await Store.IncrementAsync(k, T0 + Window - TimeSpan.FromTicks(1), Window));
        Assert.Equal(2, await Store.IncrementAsync(k, T0 + Window, Window));
        Assert.Equal(1, await Store.CountAsync(k, T0 + Window + Window - TimeSpan.FromTicks(1), Window));
    }

    [ContractFact]
    public async Task CountAsync_OneTickApart_AreToldApartExactly()
    {
        var k = Key("ticks");
        await Store.IncrementAsync(k, T0, Window);
        await Store.IncrementAsync(k, T0.AddTicks(1), Window);
        Assert.Equal(2, await Store.CountAsync(k, T0.AddTicks(1), Window));
        Assert.Equal(1, await Store.CountAsync(k, T0 + Window, Window));
        Assert.Equal(0, await Store.CountAsync(k, T0 + Window + TimeSpan.FromTicks(1), Window));
    }

    [ContractFact]
    public async Task CountAsync_OccurrenceAfterNow_IsNotCounted()
    {
        var k = Key("future");
        await Store.IncrementAsync(k, T0.AddSeconds(10), Window);
        Assert.Equal(0, await Store.CountAsync(k, T0.AddSeconds(10) - TimeSpan.FromTicks(1), Window));
        Assert.Equal(1, await Store.CountAsync(k, T0.AddSeconds(10), Window));
    }

    [ContractFact]
    public async Task IncrementAsync_OutOfOrder_CountsUpToItsOwnTimestamp()
    {
        var k = Key("out-of-order");
        Assert.Equal(1, await Store.IncrementAsync(k, T0.AddSeconds(10), Window));
        Assert.Equal(1, await Store.IncrementAsync(k, T0.AddSeconds(5), Window));
        Assert.Equal(2, await Store.CountAsync(k, T0.AddSeconds(10), Window));
    }

    [ContractFact]
    public async Task CountAsync_OffsetTimestamps_CompareAsInstants()
    {
        var k = Key("offsets");
        await Store.IncrementAsync(k, new DateTimeOffset(2026, 3, 2, 11, 30, 0, TimeSpan.FromHours(2)), Window);
        Assert.Equal(1, await Store.CountAsync(k, T0, Window));
        Assert.Equal(0, await Store.CountAsync(k, T0 - TimeSpan.FromTicks(1), Window));
    }

    [ContractFact]
    public async Task ResetAsync_ForgetsEveryOccurrence_AndOnlyOfThatKey()
    {
        var k = Key("reset");
        var other = Key("reset-other");
        await Store.IncrementAsync(k, T0, Window);
        await Store.IncrementAsync(k, T0, Window);
        await Store.IncrementAsync(other, T0, Window);
        await Store.ResetAsync(k);
        Assert.Equal(0, await Store.CountAsync(k, T0, Window));
        Assert.Equal(1, await Store.CountAsync(other, T0, Window));
        Assert.Equal(1, await Store.IncrementAsync(k, T0, Window));
        await Store.ResetAsync(Key("never-used"));
    }

    [ContractFact]
    public async Task CountAsync_UnknownKey_IsZero() => Assert.Equal(0, await Store.CountAsync(Key("unknown"), T0, Window));

    [ContractFact]
    public async Task IncrementAsync_SameTimestampManyTimes_CountsEach()
    {
        var k = Key("same-instant");
        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(i, await Store.IncrementAsync(k, T0, Window));
        }
    }

    [ContractFact]
    public async Task IncrementAsync_Concurrent_EachSeesADistinctExactCount()
    {
        var k = Key("concurrent");
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await Store.IncrementAsync(k, T0, Window))));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), results.Order());
        Assert.Equal(200, await Store.CountAsync(k, T0, Window));
    }

    [ContractFact]
    public async Task IncrementAsync_HugeKey_Works()
    {
        var k = Key(new string('k', 10_000));
        Assert.Equal(1, await Store.IncrementAsync(k, T0, Window));
        Assert.Equal(1, await Store.CountAsync(k, T0, Window));
    }

    [ContractFact]
    public async Task Members_BadArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.IncrementAsync(null!, T0, Window));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.IncrementAsync("", T0, Window));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.IncrementAsync(Key("w"), T0, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.IncrementAsync(Key("w"), T0, TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.CountAsync(null!, T0, Window));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.CountAsync(Key("w"), T0, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.ResetAsync(null!));
        Assert.Equal(0, await Store.CountAsync(Key("w"), T0, Window));
    }
}
