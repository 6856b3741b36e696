using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradingRl.Security.AspNetCore;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Authorization;

namespace TradingRl.Security.Benchmarks.AspNetCore;

/// <summary>Two Kestrel apps on loopback serving the same endpoint: one bare, one behind the whole TradingRl.Security API stack.</summary>
/// <remarks>
/// The secured app runs every layer: security headers, size limit, request audit event, bearer authentication with the
/// Auth validator (live-session check), per-user and per-endpoint token buckets at the options' maximum (a burst of
/// 1,000,000 and 1,000,000 a minute: about 20 s of full load on loopback before refusals begin, so keep the secured
/// rounds short and check wrk's <c>Non-2xx</c> line), and the permission check through the Authorization package.
/// </remarks>
public sealed class ApiLoadHost : IAsyncDisposable
{
    private const string Payload = """[{"clientOrderId":"ord-1","account":"DESK-A-1","symbol":"AAPL","side":"buy","quantity":100}]""";

    private ApiLoadHost(WebApplication bare, WebApplication secured, string token)
    {
        Bare = bare;
        Secured = secured;
        Token = token;
    }

    public WebApplication Bare { get; }

    public WebApplication Secured { get; }

    public string Token { get; }

    public Uri BareUrl => new(Address(Bare) + "/bare/orders");

    public Uri SecuredUrl => new(Address(Secured) + "/v1/orders");

    public static async Task<ApiLoadHost> StartAsync(int barePort = 0, int securedPort = 0)
    {
        var bareBuilder = WebApplication.CreateSlimBuilder();
        bareBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, barePort));
        bareBuilder.Logging.ClearProviders();
        var bare = bareBuilder.Build();
        MapBare(bare);

        var securedBuilder = WebApplication.CreateSlimBuilder();
        securedBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, securedPort));
        securedBuilder.Logging.ClearProviders();
        AddSecurity(securedBuilder);
        var secured = securedBuilder.Build();
        MapSecured(secured);

        await bare.StartAsync();
        await secured.StartAsync();
        return new ApiLoadHost(bare, secured, await IssueTokenAsync(secured.Services));
    }

    /// <summary>Maps the bare endpoint, <c>GET /bare/orders</c>.</summary>
    internal static void MapBare(WebApplication app) =>
        app.MapGet("/bare/orders", static () => Results.Text(Payload, "application/json", Encoding.UTF8));

    /// <summary>Registers the whole stack, with the rate limits at the options' maximum; <c>TRADINGRL_BENCH_AUDIT=0</c> and <c>TRADINGRL_BENCH_RATELIMIT=0</c> turn the audit and the rate limiter off.</summary>
    internal static void AddSecurity(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISecretProtector, TradingRl.Security.Testing.FixedKeySecretProtector>();
        builder.Services.AddTradingSecurity(s => s
            .AddAuth(o =>
            {
                o.Issuer = "bench";
                o.Audience = "trading-api";
            })
            .AddAuthorization()
            .AddAspNetCore(o =>
            {
                o.RateLimits.UserPerMinute = 1_000_000;
                o.RateLimits.UserBurst = 1_000_000;
                o.RateLimits.EndpointPerMinute = 1_000_000;
                o.RateLimits.EndpointBurst = 1_000_000;

                // Let the load test isolate the audit event's and the rate limiter's share of the cost.
                o.AuditRequests = Environment.GetEnvironmentVariable("TRADINGRL_BENCH_AUDIT") != "0";
                o.RateLimits.Enabled = Environment.GetEnvironmentVariable("TRADINGRL_BENCH_RATELIMIT") != "0";
            }));
    }

    /// <summary>Adds the security middleware and maps the secured endpoint, <c>GET /v1/orders</c>, which requires <see cref="Permissions.ViewOrders"/>.</summary>
    internal static void MapSecured(WebApplication app)
    {
        app.UseTradingApiSecurity();
        app.MapTradingApi().MapGet("/orders", static () => Results.Text(Payload, "application/json", Encoding.UTF8))
            .RequirePermission(Permissions.ViewOrders);
    }

    /// <summary>Adds the trader <c>bench-user</c> with a live session and issues an access token for it.</summary>
    internal static async Task<string> IssueTokenAsync(IServiceProvider sp)
    {
        var time = sp.GetRequiredService<TimeProvider>();
        string[] roles = [TradingRoles.Trader];
        await sp.GetRequiredService<IUserStore>().TryAddAsync(new UserAccount("bench-user", "bench-user", "$argon2id$unused", roles, time.GetUtcNow().AddMinutes(-1)));
        var session = await sp.GetRequiredService<SessionManager>().CreateAsync("bench-user", [AuthenticationMethods.Password]);
        return sp.GetRequiredService<AccessTokenIssuer>().Issue(new AccessTokenRequest("bench-user", session.SessionId, roles, [AuthenticationMethods.Password], time.GetUtcNow())).Token;
    }

    public async ValueTask DisposeAsync()
    {
        await Bare.StopAsync();
        await Secured.StopAsync();
        await Bare.DisposeAsync();
        await Secured.DisposeAsync();
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
