using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Authorization;
using TradingRl.Security.Events;
using static TradingRl.Security.AspNetCore.Tests.SecurityHeaderAssertions;

namespace TradingRl.Security.AspNetCore.Tests;

public class PermissionAuthorizationHandlerTests
{
    private const string Order = """{"clientOrderId":"c1","account":"ACC-1","symbol":"AAPL","side":"buy","type":"limit","quantity":10,"limitPrice":190.5}""";

    public static TheoryData<string, string, string, int> RoleMatrix()
    {
        // The seed's matrix (section 2.2): view orders all; place orders trader and admin; risk calculations analyst,
        // trader and admin; system configuration admin only.
        var data = new TheoryData<string, string, string, int>();
        string[] roles = ["viewer", "analyst", "trader", "admin"];
        foreach (var role in roles)
        {
            data.Add(role, "GET", "/v1/orders", 200);
            data.Add(role, "POST", "/v1/orders", role is "trader" or "admin" ? 200 : 403);
            data.Add(role, "POST", "/v1/risk/calculations", role is "viewer" ? 403 : 200);
            data.Add(role, "PUT", "/v1/admin/config", role is "admin" ? 200 : 403);
            data.Add(role, "GET", "/v1/accounts/ACC-1/positions", role is "trader" or "admin" ? 200 : 403);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoleMatrix))]
    public async Task EachRole_EachEndpoint_MatchesTheMatrix(string role, string method, string path, int expected)
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("u-" + role, role);

        using var r = await api.SendAsync(new HttpMethod(method), path, token, method == "POST" && path == "/v1/orders" ? Order : null);

        Assert.Equal(expected, (int)r.StatusCode);
        AssertSecurityHeaders(r);
        if (expected == 403)
        {
            using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            Assert.Equal("permission_not_granted", doc.RootElement.GetProperty("code").GetString());
            var denied = await api.WaitForEventsAsync(SecurityEventTypes.AccessDenied.Type, e => e.Count >= 1);
            Assert.Equal("u-" + role, Assert.Single(denied).Actor);
        }
    }

    [Fact]
    public async Task OrderForAnotherAccount_Answers403AccountNotPermitted()
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("trader-1", "trader");

        using var r = await api.SendAsync(HttpMethod.Post, "/v1/orders", token, Order.Replace("ACC-1", "ACC-2", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("account_not_permitted", doc.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RouteAccount_IsTheAbacResource()
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("trader-1", "trader");

        using var own = await api.SendAsync(HttpMethod.Get, "/v1/accounts/ACC-1/positions", token);
        using var other = await api.SendAsync(HttpMethod.Get, "/v1/accounts/ACC-9/positions", token);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task NotionalForbidRule_DeniesLargeLimitOrder()
    {
        await using var api = await TestApi.StartAsync(security: b => b.AddAuthorization(o => o.Rules.Add(new()
        {
            Id = "fat-finger",
            Effect = RuleEffect.Forbid,
            Permissions = ["orders.place"],
            NotionalFrom = 1_000m,
        })));
        var (token, _) = await api.SignInAsync("trader-1", "trader");

        using var small = await api.SendAsync(HttpMethod.Post, "/v1/orders", token, Order.Replace("\"quantity\":10", "\"quantity\":5", StringComparison.Ordinal));
        using var large = await api.SendAsync(HttpMethod.Post, "/v1/orders", token, Order);

        Assert.Equal(HttpStatusCode.OK, small.StatusCode); // 5 x 190.5 = 952.5
        Assert.Equal(HttpStatusCode.Forbidden, large.StatusCode); // 10 x 190.5 = 1,905
        using var doc = JsonDocument.Parse(await large.Content.ReadAsStringAsync());
        Assert.Equal("forbidden_by_rule", doc.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task InvalidBodyWithoutToken_Answers401NotValidationDetail()
    {
        await using var api = await TestApi.StartAsync();

        using var r = await api.SendAsync(HttpMethod.Post, "/v1/orders", token: null, json: "{\"nonsense\":true}");

        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        await api.WaitForEventsAsync(SecurityEventTypes.ApiRequest.Type, e => e.Count >= 1);
        Assert.Empty(api.Events.OfType(SecurityEventTypes.InputValidationFailed.Type));
    }

    [Fact]
    public async Task InvalidBodyWithToken_Answers400BeforeAuthorization()
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("viewer-1", "viewer");

        using var r = await api.SendAsync(HttpMethod.Post, "/v1/orders", token, "{\"nonsense\":true}");

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task UnknownPermissionName_Denies()
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("root", "admin");

        using var r = await api.SendAsync(HttpMethod.Get, "/v1/unknown-permission", token);

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("unknown_permission", doc.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task PermissionDefinedAfterTheEndpointWasFirstDecided_IsLookedUpAgain()
    {
        await using var api = await TestApi.StartAsync();
        var (token, _) = await api.SignInAsync("trader-1", "trader");
        using (var before = await api.SendAsync(HttpMethod.Get, "/v1/unknown-permission", token))
        {
            using var doc = JsonDocument.Parse(await before.Content.ReadAsStringAsync());
            Assert.Equal("unknown_permission", doc.RootElement.GetProperty("code").GetString());
        }

        // The endpoint's plan was made while the catalog did not know the name: it is not remembered as unknown.
        api.Services.GetRequiredService<PermissionCatalog>().Define("no.such.permission");
        using var after = await api.SendAsync(HttpMethod.Get, "/v1/unknown-permission", token);

        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        using var afterDoc = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        Assert.Equal("permission_not_granted", afterDoc.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public void RequirePermission_DefaultPermission_Throws()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder().Build();
        var endpoint = Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(builder, "/x", () => "x");

        Assert.Throws<ArgumentException>(() => endpoint.RequirePermission(default(Permission)));
    }
}
