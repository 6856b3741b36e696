using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;

namespace TradingRl.Security.AspNetCore.Tests;

public class SecurityHeadersHttpsTests
{
    private sealed class StartingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            for (var i = _starting.Count - 1; i >= 0; i--)
            {
                await _starting[i].Callback(_starting[i].State);
            }
        }
    }

    private static async Task<IHeaderDictionary> RunAsync(string scheme, Action<TradingApiOptions> configure, RequestDelegate? next = null)
    {
        var options = new TradingApiOptions { AuditRequests = false };
        configure(options);
        await using var pipeline = new SecurityEventPipeline([], Options.Create(new SecurityEventPipelineOptions()));
        var middleware = new ApiSecurityMiddleware(next ?? (static _ => Task.CompletedTask), Options.Create(options), pipeline, new FakeTimeProvider(), NullLogger<ApiSecurityMiddleware>.Instance);
        var response = new StartingResponseFeature();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(response);
        context.Request.Scheme = scheme;
        await middleware.InvokeAsync(context);
        await response.StartAsync();
        return context.Response.Headers;
    }

    [Fact]
    public async Task Https_SendsHsts()
    {
        var h = await RunAsync("https", _ => { });

        Assert.Equal("max-age=31536000; includeSubDomains", h.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task Https_HstsOffOrWithoutSubdomains_IsHonoured()
    {
        Assert.Equal("max-age=86400", (await RunAsync("https", o => { o.Headers.HstsMaxAge = TimeSpan.FromDays(1); o.Headers.HstsIncludeSubDomains = false; })).StrictTransportSecurity.ToString());
        Assert.False((await RunAsync("https", o => o.Headers.HstsMaxAge = TimeSpan.Zero)).ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task XssProtectionSetByTheApp_IsRemoved_AndEndpointCacheControlKept()
    {
        var h = await RunAsync("http", _ => { }, static c =>
        {
            c.Response.Headers["X-XSS-Protection"] = "1; mode=block";
            c.Response.Headers.CacheControl = "private, max-age=5";
            return Task.CompletedTask;
        });

        Assert.False(h.ContainsKey("X-XSS-Protection"));
        Assert.Equal("private, max-age=5", h.CacheControl.ToString());
        Assert.Equal("nosniff", h.XContentTypeOptions.ToString());
    }
}
