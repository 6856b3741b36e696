using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.Tests.Tokens;
using TradingRl.Security.Stores;

namespace TradingRl.Security.Auth.Tests.Lockout;

public sealed class LoginThrottleTests
{
    private readonly FakeTimeProvider _time = new(TokenFixture.Start);
    private readonly LoginThrottle _throttle;

    public LoginThrottleTests() => _throttle = new LoginThrottle(new LockoutOptions(), new InMemorySlidingWindowCounterStore(), new InMemoryLockoutStore(), _time);

    [Fact]
    public async Task RecordFailureAsync_FifthFailureDoesNotLock_SixthLocks()
    {
        for (var i = 1; i <= 5; i++)
        {
            Assert.Null(await _throttle.RecordFailureAsync("alice", null));
        }

        Assert.True((await _throttle.CheckAsync("alice", null)).Allowed);
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), await _throttle.RecordFailureAsync("alice", null));
        var d = await _throttle.CheckAsync("alice", null);
        Assert.False(d.Allowed);
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), d.LockedUntil);
    }

    [Fact]
    public async Task RecordFailureAsync_FailureExactlyFiveMinutesOld_FallsOutOfWindow()
    {
        Assert.Null(await _throttle.RecordFailureAsync("alice", null));
        _time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await _throttle.RecordFailureAsync("alice", null));
        }

        // At exactly 5 minutes after the first failure, it is outside the window: 5 in the window, no lock.
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Null(await _throttle.RecordFailureAsync("alice", null));

        // Just inside: the second-oldest (at +1 s) is still in the window, so this is the 6th.
        Assert.NotNull(await _throttle.RecordFailureAsync("alice", null));
    }

    [Fact]
    public async Task RecordFailureAsync_RepeatedLockouts_DurationDoubles()
    {
        TimeSpan LockFor(DateTimeOffset? until) => until!.Value - _time.GetUtcNow();
        for (var round = 0; round < 3; round++)
        {
            DateTimeOffset? until = null;
            for (var i = 0; i < 6; i++)
            {
                until = await _throttle.RecordFailureAsync("alice", null);
            }

            Assert.Equal(TimeSpan.FromMinutes(5 * (1 << round)), LockFor(until));
            _time.Advance(LockFor(until));
            Assert.True((await _throttle.CheckAsync("alice", null)).Allowed);
        }

        await _throttle.RecordSuccessAsync("alice");
        DateTimeOffset? again = null;
        for (var i = 0; i < 6; i++)
        {
            again = await _throttle.RecordFailureAsync("alice", null);
        }

        Assert.Equal(TimeSpan.FromMinutes(5), LockFor(again));
    }

    [Fact]
    public async Task CheckAsync_AddressOverLimit_Throttled()
    {
        for (var i = 0; i < 20; i++)
        {
            await _throttle.RecordFailureAsync("user" + i, "10.0.0.9");
        }

        var d = await _throttle.CheckAsync("someone-else", "10.0.0.9");
        Assert.True(d.AddressThrottled);
        Assert.True((await _throttle.CheckAsync("someone-else", "10.0.0.10")).Allowed);
    }

    [Fact]
    public async Task LockAsync_NoDuration_UntilUnlocked()
    {
        await _throttle.LockAsync("alice", null);
        _time.Advance(TimeSpan.FromDays(365));
        Assert.False((await _throttle.CheckAsync("alice", null)).Allowed);
        await _throttle.UnlockAsync("alice");
        Assert.True((await _throttle.CheckAsync("alice", null)).Allowed);
    }
}
