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
using TradingRl.Security.AspNetCore.Validation;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.AspNetCore.Tests;

/// <summary>A real Kestrel host on 127.0.0.1 with an ephemeral port, the security layer and a few endpoints.</summary>
internal sealed class TestApi : IAsyncDisposable
{
    private TestApi(WebApplication app, HttpClient client, CollectingSecurityEventSubscriber events)
    {
        App = app;
        Client = client;
        Events = events;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public CollectingSecurityEventSubscriber Events { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestApi> StartAsync(
        Action<TradingApiOptions>? configure = null,
        Action<ITradingSecurityBuilder>? security = null,
        Action<WebApplication, Microsoft.AspNetCore.Routing.RouteGroupBuilder>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
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

            security?.Invoke(b);
        });

        var app = builder.Build();
        app.UseTradingApiSecurity();
        var v1 = app.MapTradingApi();
        v1.MapGet("/ping", () => "pong");
        v1.MapGet("/boom", string () => throw new InvalidOperationException("secret internal detail"));
        v1.MapPost("/anonymous-orders", (OrderRequest order) => Results.Ok(new { order.ClientOrderId, order.Quantity })).RequireOrderSchema();
        map?.Invoke(app, v1);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("tradingrl-tests", "1.0"));
        return new TestApi(app, client, events);
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
