using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Events;
using static TradingRl.Security.AspNetCore.Tests.SecurityHeaderAssertions;

namespace TradingRl.Security.AspNetCore.Tests;

public class TradingBearerHandlerTests
{
    private static async Task<string> CodeOf(HttpResponseMessage r)
    {
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task NoToken_Answers401WithBearerChallenge()
    {
        await using var api = await TestApi.StartAsync();

        using var r = await api.SendAsync(HttpMethod.Get, "/v1/orders", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("Bearer realm=\"trading-api\"", Single(r, "WWW-Authenticate"));
        Assert.Equal("missing_token", await CodeOf(r));
        AssertSecurityHeaders(r);
    }

    [Fact]
    public async Task ValidToken_Answers200_AndAuditNamesTheUser()
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("alice", "viewer");

        using var r = await api.SendAsync(HttpMethod.Get, "/v1/orders", token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var audit = await api.WaitForEventsAsync(SecurityEventTypes.ApiRequest.Type, e => e.Count >= 1);
        Assert.Equal("alice", Assert.Single(audit).Actor);
    }

    [Fact]
    public async Task ExpiredToken_Answers401InvalidToken()
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("alice", "viewer");
        api.Time.Advance(TimeSpan.FromMinutes(16)); // lifetime 15 min + 30 s skew; the session (30 min idle) is still live

        using var r = await api.SendAsync(HttpMethod.Get, "/v1/orders", token);

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("Bearer realm=\"trading-api\", error=\"invalid_token\", error_description=\"expired\"", Single(r, "WWW-Authenticate"));
        Assert.Equal("expired", await CodeOf(r));
        AssertSecurityHeaders(r);
    }

    [Fact]
    public async Task WrongAudience_Answers401()
    {
        await using var api = await TestApi.StartAsync();
        var (_, session) = await api.SignInAsync("alice", "admin");
        var token = api.IssueForAudience("another-api", "alice", session, "admin");

        using var r = await api.SendAsync(HttpMethod.Get, "/v1/orders", token);

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("wrong_audience", await CodeOf(r));
        var rejected = await api.WaitForEventsAsync(SecurityEventTypes.TokenRejected.Type, e => e.Count >= 1);
        Assert.NotEmpty(rejected);
    }

    [Fact]
    public async Task RevokedSession_Answers401()
    {
        await using var api = await TestApi.StartAsync();
        var (token, session) = await api.SignInAsync("alice", "trader");
        using (var before = await api.SendAsync(HttpMethod.Get, "/v1/orders", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.True(await api.Services.GetRequiredService<SessionManager>().RevokeAsync(session, "sign-out"));
        using var r = await api.SendAsync(HttpMethod.Get, "/v1/orders", token);

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal("revoked", await CodeOf(r));
    }

    [Theory]
    [InlineData("Bearer not-a-jwt", "malformed")]
    [InlineData("Bearer ", "missing_token")]
    [InlineData("Basic YWxpY2U6cHc=", "missing_token")]
    public async Task BadAuthorizationHeader_Answers401(string header, string code)
    {
        await using var api = await TestApi.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/orders");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var r = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Equal(code, await CodeOf(r));
    }

    [Fact]
    public async Task TamperedToken_Answers401()
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("alice", "viewer");
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        using var r = await api.SendAsync(HttpMethod.Get, "/v1/orders", tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task PrincipalRoute_IsVersioned_AndDescribesTheCaller()
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("carol", "analyst");

        using var r = await api.SendAsync(HttpMethod.Get, "/v1/security/principal", token);
        using var unversioned = await api.SendAsync(HttpMethod.Get, "/security/principal", token);

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unversioned.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("carol", doc.RootElement.GetProperty("subject").GetString());
        Assert.Equal(["orders.view", "risk.metrics.view", "risk.calculations.run", "risk.alerts.view"],
            doc.RootElement.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["ACC-1"], doc.RootElement.GetProperty("accounts").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task RateLimit_IsPerUser()
    {
        await using var api = await TestApi.StartAsync(o =>
        {
            o.RateLimits.EndpointBurst = 1;
            o.RateLimits.EndpointPerMinute = 1;
        });
        var (alice, _) = await api.SignInAsync("alice", "viewer");
        var (bob, _) = await api.SignInAsync("bob", "viewer");

        using var a1 = await api.SendAsync(HttpMethod.Get, "/v1/orders", alice);
        using var a2 = await api.SendAsync(HttpMethod.Get, "/v1/orders", alice);
        using var b1 = await api.SendAsync(HttpMethod.Get, "/v1/orders", bob);

        Assert.Equal(HttpStatusCode.OK, a1.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, a2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b1.StatusCode);
        var e = Assert.Single(await api.WaitForEventsAsync(SecurityEventTypes.RateLimitExceeded.Type, x => x.Count >= 1));
        Assert.Equal("alice", e.Actor);
    }
}
