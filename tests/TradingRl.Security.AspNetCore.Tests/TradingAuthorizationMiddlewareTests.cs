using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.AspNetCore.Authorization;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Authorization;

namespace TradingRl.Security.AspNetCore.Tests;

public class TradingAuthorizationMiddlewareTests
{
    private static void MapViewOrders(WebApplication app, Microsoft.AspNetCore.Routing.RouteGroupBuilder v1) =>
        v1.MapGet("/view", static () => "viewed").RequirePermission(Permissions.ViewOrders);

    [Fact]
    public async Task RequirePermissionEndpoint_IsDecidedWithoutTheStandardMiddleware()
    {
        await using var api = await TestApi.StartAsync();
        var (viewer, _) = await api.SignInAsync("viewer-1", "viewer");
        var (ran, standard, middleware) = Middleware(api, fastPath: TradingAuthorizationMiddleware.CanDecideFor(api.Services));

        var allowed = await ContextAsync(api, viewer, new RequirePermissionAttribute("orders.view"));
        await middleware.InvokeAsync(allowed);
        var denied = await ContextAsync(api, viewer, new RequirePermissionAttribute("orders.view"), new RequirePermissionAttribute("system.configure"));
        await middleware.InvokeAsync(denied);

        Assert.Equal(["next"], ran);
        Assert.Empty(standard);
        Assert.True(allowed.Items.ContainsKey("__AuthorizationMiddlewareWithEndpointInvoked"));
        Assert.Equal(StatusCodes.Status403Forbidden, denied.Response.StatusCode);
        Assert.Equal("permission_not_granted", denied.Features.Get<Http.TradingRequestFeature>()!.DenyReason);
    }

    [Fact]
    public async Task OtherAuthorizationMetadata_GoesTheStandardWay()
    {
        await using var api = await TestApi.StartAsync();
        var (viewer, _) = await api.SignInAsync("viewer-1", "viewer");
        var (ran, standard, middleware) = Middleware(api, fastPath: true);

        await middleware.InvokeAsync(await ContextAsync(api, viewer, new AuthorizeAttribute()));
        await middleware.InvokeAsync(await ContextAsync(api, viewer, new RequirePermissionAttribute("orders.view"), new AllowAnonymousAttribute()));
        await middleware.InvokeAsync(await ContextAsync(api, viewer, new RequirePermissionAttribute("orders.view"), new AuthorizeAttribute { Roles = "viewer" }));

        Assert.Empty(ran);
        Assert.Equal(3, standard.Count);
    }

    [Fact]
    public async Task CanDecideFor_OnlyWithTheStockAuthorizationServices()
    {
        await using var stock = await TestApi.StartAsync();
        await using var custom = await TestApi.StartAsync(security: b => b.Services.AddSingleton<IAuthorizationHandler, RefuseEverything>());

        Assert.True(TradingAuthorizationMiddleware.CanDecideFor(stock.Services));
        Assert.False(TradingAuthorizationMiddleware.CanDecideFor(custom.Services));
    }

    private static (List<string> Ran, List<HttpContext> Standard, TradingAuthorizationMiddleware Middleware) Middleware(TestApi api, bool fastPath)
    {
        var ran = new List<string>();
        var standard = new List<HttpContext>();
        var middleware = new TradingAuthorizationMiddleware(
            _ =>
            {
                ran.Add("next");
                return Task.CompletedTask;
            },
            c =>
            {
                standard.Add(c);
                return Task.CompletedTask;
            },
            api.Services.GetRequiredService<ITradingAuthorizer>(),
            api.Services.GetRequiredService<PermissionCatalog>(),
            fastPath);
        return (ran, standard, middleware);
    }

    private static async Task<HttpContext> ContextAsync(TestApi api, string token, params object[] metadata)
    {
        var context = new DefaultHttpContext { RequestServices = api.Services };
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(static _ => Task.CompletedTask, new EndpointMetadataCollection(metadata), "test endpoint"));
        var result = await api.Services.GetRequiredService<AccessTokenValidator>().ValidateAsync(token);
        context.TradingFeature().Principal = result.Principal;
        return context;
    }

    [Fact]
    public async Task HttpContextUser_ReadByAnEndpoint_CarriesSubjectSessionAndRoles()
    {
        await using var api = await TestApi.StartAsync(map: static (_, v1) =>
            v1.MapGet("/whoami", static (HttpContext c) => $"{c.User.Identity!.Name}|{c.User.Identity.IsAuthenticated}|{c.User.IsInRole("viewer")}|{c.User.IsInRole("admin")}|{c.User.FindFirst("sid")?.Value is { Length: > 0 }}")
                .RequirePermission(Permissions.ViewOrders));
        var (token, _) = await api.SignInAsync("viewer-1", "viewer");

        using var r = await api.SendAsync(HttpMethod.Get, "/v1/whoami", token);

        Assert.Equal("viewer-1|True|True|False|True", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HostAuthorizationHandler_IsStillConsulted_ByTheStandardPath()
    {
        // A host handler that refuses every permission requirement: the fast path must step aside, so it is heard.
        await using var api = await TestApi.StartAsync(
            security: b => b.Services.AddSingleton<IAuthorizationHandler, RefuseEverything>(),
            map: MapViewOrders);
        var (token, _) = await api.SignInAsync("root", "admin");

        using var r = await api.SendAsync(HttpMethod.Get, "/v1/view", token);

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }

    [Fact]
    public async Task RequirePermission_NoToken_And_Denied_AnswerAsTheStandardPath()
    {
        await using var api = await TestApi.StartAsync(map: MapViewOrders);
        var (token, _) = await api.SignInAsync("viewer-1", "viewer");

        using var anonymous = await api.SendAsync(HttpMethod.Get, "/v1/view", token: null);
        using var denied = await api.SendAsync(HttpMethod.Put, "/v1/admin/config", token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer realm=\"trading-api\"", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using var doc = JsonDocument.Parse(await denied.Content.ReadAsStringAsync());
        Assert.Equal("permission_not_granted", doc.RootElement.GetProperty("code").GetString());
    }

    private sealed class RefuseEverything : AuthorizationHandler<PermissionRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
        {
            context.Fail();
            return Task.CompletedTask;
        }
    }
}
