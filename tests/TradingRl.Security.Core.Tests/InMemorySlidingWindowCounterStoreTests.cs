using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Stores;

namespace TradingRl.Security.Tests;

public sealed class InMemorySlidingWindowCounterStoreTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task IncrementAsync_SixthWithinFiveMinutes_CountsSix()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemorySlidingWindowCounterStore();
        long n = 0;
        for (var i = 0; i < 6; i++)
        {
            n = await store.IncrementAsync("u/alice", time.GetUtcNow(), FiveMinutes);
            time.Advance(TimeSpan.FromSeconds(59));
        }

        Assert.Equal(6, n);
    }

    [Fact]
    public async Task CountAsync_OccurrenceExactlyWindowOld_IsOutside()
    {
        var t0 = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var store = new InMemorySlidingWindowCounterStore();
        await store.IncrementAsync("k", t0, FiveMinutes);

        Assert.Equal(1, await store.CountAsync("k", t0 + FiveMinutes - TimeSpan.FromTicks(1), FiveMinutes));
        Assert.Equal(0, await store.CountAsync("k", t0 + FiveMinutes, FiveMinutes));
    }

    [Fact]
    public async Task IncrementAsync_OutOfOrderOccurrence_CountedCorrectly()
    {
        var t0 = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var store = new InMemorySlidingWindowCounterStore();
        await store.IncrementAsync("k", t0.AddMinutes(2), FiveMinutes);
        await store.IncrementAsync("k", t0, FiveMinutes);
        Assert.Equal(2, await store.CountAsync("k", t0.AddMinutes(2), FiveMinutes));
        Assert.Equal(1, await store.CountAsync("k", t0.AddMinutes(5), FiveMinutes));
    }

    [Fact]
    public async Task ResetAsync_ForgetsKeyOnly()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var store = new InMemorySlidingWindowCounterStore();
        await store.IncrementAsync("a", t0, FiveMinutes);
        await store.IncrementAsync("b", t0, FiveMinutes);
        await store.ResetAsync("a");
        Assert.Equal(0, await store.CountAsync("a", t0, FiveMinutes));
        Assert.Equal(1, await store.CountAsync("b", t0, FiveMinutes));
    }

    [Fact]
    public async Task IncrementAsync_Concurrent_CountsEveryOccurrence()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var store = new InMemorySlidingWindowCounterStore();
        await Parallel.ForAsync(0, 1000, async (i, ct) => await store.IncrementAsync("k", t0, FiveMinutes, ct));
        Assert.Equal(1000, await store.CountAsync("k", t0, FiveMinutes));
    }

    [Fact]
    public async Task BadInputs_Throw()
    {
        var store = new InMemorySlidingWindowCounterStore();
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.IncrementAsync(null!, DateTimeOffset.UnixEpoch, FiveMinutes).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.IncrementAsync(string.Empty, DateTimeOffset.UnixEpoch, FiveMinutes).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CountAsync("k", DateTimeOffset.UnixEpoch, TimeSpan.Zero).AsTask());
    }
}
