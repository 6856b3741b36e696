using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.AspNetCore.RateLimiting;

namespace TradingRl.Security.AspNetCore.Tests;

public class TradingRateLimiterBucketTests
{
    private static readonly Endpoint Orders = new(static _ => Task.CompletedTask, EndpointMetadataCollection.Empty, "HTTP: GET /v1/orders");

    [Fact]
    public void Bucket_RefillsAtTheRate_FromTheClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
        using var limiter = new TradingRateLimiter(new TradingRateLimitOptions { EndpointBurst = 2, EndpointPerMinute = 60, UserBurst = 100, UserPerMinute = 600 }, time);

        Assert.True(Acquire(limiter, "10.0.0.1").IsAcquired);
        var second = Context("10.0.0.1");
        Assert.True(limiter.AttemptAcquire(second).IsAcquired);
        var refused = Acquire(limiter, "10.0.0.1");
        time.Advance(TimeSpan.FromMilliseconds(999));
        var stillRefused = Acquire(limiter, "10.0.0.1");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var third = Context("10.0.0.1");
        var admitted = limiter.AttemptAcquire(third);

        Assert.Equal("0", second.Response.Headers["RateLimit-Remaining"].ToString());
        Assert.Equal("2", second.Response.Headers["RateLimit-Limit"].ToString());
        Assert.False(refused.IsAcquired);
        var lease = Assert.IsType<RefusedLease>(refused);
        Assert.Equal(RateLimitScope.Endpoint, lease.Scope);
        Assert.Equal(TimeSpan.FromSeconds(1), lease.RetryAfter);
        Assert.False(stillRefused.IsAcquired);
        Assert.True(admitted.IsAcquired);
        Assert.Equal("0", third.Response.Headers["RateLimit-Remaining"].ToString());
    }

    [Fact]
    public void UserBucket_IsSharedAcrossEndpoints_AndAnotherUserHasItsOwn()
    {
        var time = new FakeTimeProvider();
        using var limiter = new TradingRateLimiter(new TradingRateLimitOptions { UserBurst = 2, UserPerMinute = 1 }, time);
        var other = new Endpoint(static _ => Task.CompletedTask, EndpointMetadataCollection.Empty, "HTTP: GET /v1/positions");

        Assert.True(Acquire(limiter, "10.0.0.1").IsAcquired);
        Assert.True(Acquire(limiter, "10.0.0.1", other).IsAcquired);
        var refused = Assert.IsType<RefusedLease>(Acquire(limiter, "10.0.0.1", other));

        Assert.Equal(RateLimitScope.User, refused.Scope);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.RetryAfter);
        Assert.True(Acquire(limiter, "10.0.0.2").IsAcquired);
    }

    [Fact]
    public void IdleUsers_AreDropped_OnceTheirBucketsAreFullAgain()
    {
        var time = new FakeTimeProvider();
        using var limiter = new TradingRateLimiter(new TradingRateLimitOptions { UserBurst = 5, UserPerMinute = 60, EndpointBurst = 5, EndpointPerMinute = 60 }, time);
        for (var i = 0; i < 300; i++)
        {
            Assert.True(Acquire(limiter, "10.1." + (i / 250) + "." + (i % 250)).IsAcquired);
        }

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(Acquire(limiter, "10.9.9.9").IsAcquired);
        var before = limiter.TrackedUsers;
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(Acquire(limiter, "10.9.9.9").IsAcquired);

        Assert.Equal(301, before);
        Assert.Equal(1, limiter.TrackedUsers);
    }

    private static RateLimitLease Acquire(TradingRateLimiter limiter, string address, Endpoint? endpoint = null) =>
        limiter.AttemptAcquire(Context(address, endpoint));

    private static DefaultHttpContext Context(string address, Endpoint? endpoint = null)
    {
        var c = new DefaultHttpContext();
        c.Connection.RemoteIpAddress = IPAddress.Parse(address);
        c.SetEndpoint(endpoint ?? Orders);
        return c;
    }
}
