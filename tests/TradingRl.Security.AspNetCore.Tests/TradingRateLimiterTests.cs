using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Events;
using static TradingRl.Security.AspNetCore.Tests.SecurityHeaderAssertions;

namespace TradingRl.Security.AspNetCore.Tests;

public class TradingRateLimiterTests
{
    [Fact]
    public async Task BurstPastEndpointLimit_Answers429WithRetryAfterAndRateLimitHeaders_AndPublishes()
    {
        // One token a minute after a burst of 3: the 4th request inside the burst is refused, whatever the scheduling.
        await using var api = await TestApi.StartAsync(o =>
        {
            o.RateLimits.EndpointBurst = 3;
            o.RateLimits.EndpointPerMinute = 1;
            o.RateLimits.UserBurst = 50;
        });

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await api.Client.GetAsync("/v1/ping");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", Single(ok, "RateLimit-Limit"));
            remaining.Add(Single(ok, "RateLimit-Remaining"));
        }

        using var refused = await api.Client.GetAsync("/v1/ping");

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("3", Single(refused, "RateLimit-Limit"));
        Assert.Equal("0", Single(refused, "RateLimit-Remaining"));
        var retryAfter = int.Parse(Single(refused, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture), Single(refused, "RateLimit-Reset"));
        AssertSecurityHeaders(refused);
        using var doc = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("rate_limited", doc.RootElement.GetProperty("code").GetString());

        // Another endpoint has its own bucket.
        using var other = await api.Client.PostAsync("/v1/anonymous-orders", TestApi.Json("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);

        var events = await api.WaitForEventsAsync(SecurityEventTypes.RateLimitExceeded.Type, e => e.Count >= 1);
        var e = Assert.Single(events);
        Assert.Equal("endpoint", e.GetProperty("scope"));
        Assert.Equal("3", e.GetProperty("limit"));
        Assert.Equal("/v1/ping", e.Resource);
        Assert.Equal("127.0.0.1", e.SourceAddress);
        Assert.Equal(SecurityOutcome.Denied, e.Outcome);
    }

    [Fact]
    public async Task BurstPastUserLimit_AcrossEndpoints_IsRefusedWithUserScope()
    {
        await using var api = await TestApi.StartAsync(o =>
        {
            o.RateLimits.UserBurst = 2;
            o.RateLimits.UserPerMinute = 1;
        });

        using (var a = await api.Client.GetAsync("/v1/ping"))
        {
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        }

        using (var b = await api.Client.GetAsync("/v1/nowhere"))
        {
            Assert.Equal(HttpStatusCode.NotFound, b.StatusCode);
        }

        using var c = await api.Client.PostAsync("/v1/anonymous-orders", TestApi.Json("{}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, c.StatusCode);
        var e = Assert.Single(await api.WaitForEventsAsync(SecurityEventTypes.RateLimitExceeded.Type, x => x.Count >= 1));
        Assert.Equal("user", e.GetProperty("scope"));
    }

    [Fact]
    public async Task EndpointWithDisableRateLimiting_IsNeverLimited_WhileOthersAre()
    {
        await using var api = await TestApi.StartAsync(
            o =>
            {
                o.RateLimits.UserBurst = 1;
                o.RateLimits.UserPerMinute = 1;
            },
            map: static (_, v1) => v1.MapGet("/unlimited", () => "free").DisableRateLimiting());

        using (var first = await api.Client.GetAsync("/v1/ping"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var refused = await api.Client.GetAsync("/v1/ping"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            // ASP.NET Core's middleware decides it: no limiter at all, so no rate-limit headers either.
            using var free = await api.Client.GetAsync("/v1/unlimited");
            Assert.Equal(HttpStatusCode.OK, free.StatusCode);
            Assert.False(free.Headers.Contains("RateLimit-Limit"));
            AssertSecurityHeaders(free);
        }
    }

    [Fact]
    public async Task EndpointWithAHostPolicy_IsLimitedByThePolicyAndOurLimiter()
    {
        await using var api = await TestApi.StartAsync(
            o => o.RateLimits.UserBurst = 50,
            security: static b => b.Services.AddRateLimiter(static o => o.AddFixedWindowLimiter("one-a-minute", static w =>
            {
                w.PermitLimit = 1;
                w.Window = TimeSpan.FromMinutes(1);
                w.QueueLimit = 0;
            })),
            map: static (_, v1) => v1.MapGet("/policed", () => "policed").RequireRateLimiting("one-a-minute"));

        using var first = await api.Client.GetAsync("/v1/policed");
        using var second = await api.Client.GetAsync("/v1/policed");

        // Our limiter still ran (its headers: the endpoint bucket of 10 is the tighter), and the host's policy refused the second request with our 429 answer.
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("10", Single(first, "RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        using var doc = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("rate_limited", doc.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task HostReplacedTheGlobalLimiter_PlainEndpointIsLimitedByIt()
    {
        // A host that chains its own global limiter after ours: the fast path must step aside, so the host's limiter (one
        // request a minute for everyone) still refuses an endpoint without rate-limiting metadata.
        await using var api = await TestApi.StartAsync(
            o => o.RateLimits.UserBurst = 50,
            security: static b => b.Services.PostConfigure<RateLimiterOptions>(static o =>
            {
                var host = PartitionedRateLimiter.Create<HttpContext, string>(static _ => RateLimitPartition.GetFixedWindowLimiter(
                    "all", static _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
                o.GlobalLimiter = o.GlobalLimiter is { } ours ? PartitionedRateLimiter.CreateChained(ours, host) : host;
            }));

        using var first = await api.Client.GetAsync("/v1/ping");
        using var second = await api.Client.GetAsync("/v1/ping");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Disabled_NeverRefuses()
    {
        await using var api = await TestApi.StartAsync(o =>
        {
            o.RateLimits.Enabled = false;
            o.RateLimits.EndpointBurst = 1;
            o.RateLimits.EndpointPerMinute = 1;
        });

        for (var i = 0; i < 5; i++)
        {
            using var r = await api.Client.GetAsync("/v1/ping");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.False(r.Headers.Contains("RateLimit-Limit"));
        }
    }
}

public class TradingRateLimiterConcurrencyTests
{
    [Fact]
    public async Task ConcurrentBurst_AdmitsExactlyTheBucket()
    {
        await using var api = await TestApi.StartAsync(o =>
        {
            o.RateLimits.EndpointBurst = 5;
            o.RateLimits.EndpointPerMinute = 1;
            o.RateLimits.UserBurst = 100;
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.Client.GetAsync("/v1/ping")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.All(responses, r => Assert.True(r.Headers.Contains("RateLimit-Remaining")));
        foreach (var r in responses)
        {
            r.Dispose();
        }

        var events = await api.WaitForEventsAsync(SecurityEventTypes.RateLimitExceeded.Type, e => e.Count >= 15);
        Assert.Equal(15, events.Count);
    }
}
