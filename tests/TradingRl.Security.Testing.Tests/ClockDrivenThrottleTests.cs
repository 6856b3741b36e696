using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Stores;

namespace TradingRl.Security.Testing.Tests;

public sealed class ClockDrivenThrottleTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task TryAcquireAsync_OverTheLimit_RefusedUntilTheClockMovesPastTheWindow()
    {
        using var throttle = new ClockDrivenThrottle(_time, limit: 3, TimeSpan.FromMinutes(1));

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await throttle.TryAcquireAsync("alice"));
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.False(await throttle.TryAcquireAsync("alice"));
        Assert.True(await throttle.TryAcquireAsync("bob"));
        Assert.Equal(3, await throttle.CountAsync("alice"));

        _time.Advance(TimeSpan.FromSeconds(31)); // the first acquisition (at 0 s) is now 61 s old
        Assert.True(await throttle.TryAcquireAsync("alice"));
        Assert.False(await throttle.TryAcquireAsync("alice"));
        Assert.Equal(5, throttle.Allowed);
        Assert.Equal(2, throttle.Refused);
    }

    [Fact]
    public async Task ResetAsync_ForgetsTheKey()
    {
        using var throttle = new ClockDrivenThrottle(_time, 1, TimeSpan.FromHours(1));
        Assert.True(await throttle.TryAcquireAsync("10.0.0.1"));
        Assert.False(await throttle.TryAcquireAsync("10.0.0.1"));

        await throttle.ResetAsync("10.0.0.1");

        Assert.Equal(0, await throttle.CountAsync("10.0.0.1"));
        Assert.True(await throttle.TryAcquireAsync("10.0.0.1"));
    }

    [Fact]
    public async Task TryAcquireAsync_SharedStore_CountsWhereThePackagesCount()
    {
        var store = new InMemorySlidingWindowCounterStore();
        using var throttle = new ClockDrivenThrottle(_time, 2, TimeSpan.FromMinutes(5), store);

        await throttle.TryAcquireAsync("eve");
        await throttle.TryAcquireAsync("eve");
        await throttle.TryAcquireAsync("eve");

        Assert.Equal(2, await store.CountAsync("eve", _time.GetUtcNow(), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task TryAcquireAsync_Concurrent_NeverPassesTheLimit()
    {
        using var throttle = new ClockDrivenThrottle(_time, 10, TimeSpan.FromMinutes(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await throttle.TryAcquireAsync("agent-1"))));

        Assert.Equal(10, results.Count(r => r));
        Assert.Equal(190, throttle.Refused);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new ClockDrivenThrottle(null!, 1, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockDrivenThrottle(_time, 0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockDrivenThrottle(_time, 1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClockDrivenThrottle(_time, 1, TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task Methods_NullOrEmptyKey_Throw()
    {
        using var throttle = new ClockDrivenThrottle(_time, 1, TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await throttle.TryAcquireAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(async () => await throttle.TryAcquireAsync(string.Empty));
        await Assert.ThrowsAsync<ArgumentException>(async () => await throttle.CountAsync(string.Empty));
        await Assert.ThrowsAsync<ArgumentException>(async () => await throttle.ResetAsync(string.Empty));
    }
}
