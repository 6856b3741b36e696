using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.AspNetCore.Authentication;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Authorization;
using TradingRl.Security.AspNetCore.Validation;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.AspNetCore.Tests;

/// <summary>A real Kestrel host on 127.0.0.1 with an ephemeral port, the security layer and a few endpoints.</summary>
internal sealed class TestApi : IAsyncDisposable
{
    public const string Issuer = "tradingrl-tests";
    public const string Audience = "trading-api";

    private TestApi(WebApplication app, HttpClient client, CollectingSecurityEventSubscriber events, FakeTimeProvider time)
    {
        App = app;
        Client = client;
        Events = events;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public CollectingSecurityEventSubscriber Events { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestApi> StartAsync(
        Action<TradingApiOptions>? configure = null,
        Action<ITradingSecurityBuilder>? security = null,
        Action<WebApplication, Microsoft.AspNetCore.Routing.RouteGroupBuilder>? map = null,
        bool controllers = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ISecretProtector, FixedKeySecretProtector>();
        builder.Services.AddSingleton<ISecurityPrincipalEnricher, TestAccountsEnricher>();
        if (controllers)
        {
            builder.Services.AddControllers().AddApplicationPart(typeof(TestApi).Assembly);
        }

        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var events = new CollectingSecurityEventSubscriber();
        builder.Services.AddSingleton<ISecurityEventSubscriber>(events);
        builder.Services.AddTradingSecurity(b =>
        {
            if (configure is null)
            {
                b.AddAspNetCore();
            }
            else
            {
                b.AddAspNetCore(configure);
            }

            b.AddAuth(o =>
            {
                o.Issuer = Issuer;
                o.Audience = Audience;
            });
            b.AddAuthorization();
            security?.Invoke(b);
        });

        var app = builder.Build();
        app.UseTradingApiSecurity();
        var v1 = app.MapTradingApi();
        v1.MapGet("/ping", () => "pong");
        v1.MapGet("/boom", string () => throw new InvalidOperationException("secret internal detail"));
        v1.MapPost("/anonymous-orders", (OrderRequest order) => Results.Ok(new { order.ClientOrderId, order.Quantity })).RequireOrderSchema();
        v1.MapGet("/orders", () => "orders").RequirePermission(Permissions.ViewOrders);
        v1.MapPost("/orders", (OrderRequest order) => Results.Ok(new { order.ClientOrderId, order.Account }))
            .RequireOrderSchema()
            .RequirePermission(Permissions.PlaceOrder);
        v1.MapPost("/risk/calculations", () => "calculated").RequirePermission(Permissions.RunRiskCalculations);
        v1.MapPut("/admin/config", () => "configured").RequirePermission(Permissions.ConfigureSystem);
        v1.MapGet("/accounts/{account}/positions", (string account) => account).RequirePermission("positions.modify");
        v1.MapGet("/unknown-permission", () => "never").RequirePermission("no.such.permission");
        if (controllers)
        {
            app.MapControllers();
        }

        map?.Invoke(app, v1);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("tradingrl-tests", "1.0"));
        return new TestApi(app, client, events, time);
    }

    /// <summary>Creates a user, a live session and an access token the way a sign-in would.</summary>
    public async Task<(string Token, string SessionId)> SignInAsync(string subject, params string[] roles)
    {
        var now = Time.GetUtcNow();
        await Services.GetRequiredService<IUserStore>().TryAddAsync(new UserAccount(subject, subject, "$argon2id$unused", roles, now.AddMinutes(-1)));
        var session = await Services.GetRequiredService<SessionManager>().CreateAsync(subject, [AuthenticationMethods.Password]);
        var issued = Services.GetRequiredService<AccessTokenIssuer>().Issue(new AccessTokenRequest(subject, session.SessionId, roles, [AuthenticationMethods.Password], now));
        return (issued.Token, session.SessionId);
    }

    /// <summary>Issues a token signed with this host's key for another audience.</summary>
    public string IssueForAudience(string audience, string subject, string sessionId, params string[] roles)
    {
        var options = Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var other = new AuthOptions { Issuer = options.Issuer, Audience = audience };
        var issuer = new AccessTokenIssuer(other, Services.GetRequiredService<SigningKeyRing>(), Time);
        return issuer.Issue(new AccessTokenRequest(subject, sessionId, roles, [AuthenticationMethods.Password], Time.GetUtcNow())).Token;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? json = null)
    {
        var r = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            r.Content = Json(json);
        }

        return r;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = Request(method, path, token, json);
        return await Client.SendAsync(request);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Waits until the pipeline has delivered the events of type <paramref name="type"/> that <paramref name="done"/> asks for.</summary>
    public async Task<IReadOnlyList<SecurityEvent>> WaitForEventsAsync(string type, Func<IReadOnlyList<SecurityEvent>, bool> done)
    {
        var pipeline = Services.GetRequiredService<SecurityEventPipeline>();
        for (var i = 0; i < 200; i++)
        {
            await pipeline.FlushAsync();
            var found = Events.OfType(type);
            if (done(found))
            {
                return found;
            }

            await Task.Delay(25);
        }

        return Events.OfType(type);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
