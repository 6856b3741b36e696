using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Events;
using static TradingRl.Security.AspNetCore.Tests.SecurityHeaderAssertions;

namespace TradingRl.Security.AspNetCore.Tests;

public class ApiSecurityMiddlewareTests
{
    [Fact]
    public async Task Headers_OkResponse_CarriesEverySecurityHeader()
    {
        await using var api = await TestApi.StartAsync();

        using var r = await api.Client.GetAsync("/v1/ping");

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        AssertSecurityHeaders(r);
        Assert.Equal("no-store", Single(r, "Cache-Control"));
    }

    [Fact]
    public async Task Headers_NotFound_CarriesEverySecurityHeader()
    {
        await using var api = await TestApi.StartAsync();

        using var r = await api.Client.GetAsync("/v2/ping");

        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        AssertSecurityHeaders(r);
    }

    [Fact]
    public async Task UnhandledException_Answers500ProblemWithoutDetail_AndHeaders()
    {
        await using var api = await TestApi.StartAsync();

        using var r = await api.Client.GetAsync("/v1/boom");
        var body = await r.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("secret internal detail", body, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(500, doc.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("internal_error", doc.RootElement.GetProperty("code").GetString());
        AssertSecurityHeaders(r);
    }

    [Fact]
    public async Task ContentLengthOverLimit_Answers413_AndHeaders()
    {
        await using var api = await TestApi.StartAsync(o => o.MaxRequestBodyBytes = 1_024);

        using var r = await api.Client.PostAsync("/v1/anonymous-orders", TestApi.Json(new string(' ', 1_025)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("body_too_large", doc.RootElement.GetProperty("code").GetString());
        AssertSecurityHeaders(r);
    }

    [Fact]
    public async Task Headers_CustomPolicy_IsSent()
    {
        await using var api = await TestApi.StartAsync(o =>
        {
            o.Headers.ContentSecurityPolicy = "default-src 'self'";
            o.Headers.FrameOptions = "SAMEORIGIN";
        });

        using var r = await api.Client.GetAsync("/v1/ping");

        Assert.Equal("default-src 'self'", Single(r, "Content-Security-Policy"));
        Assert.Equal("SAMEORIGIN", Single(r, "X-Frame-Options"));
    }

    [Fact]
    public async Task Audit_EveryRequest_PublishesApiRequestEvent()
    {
        await using var api = await TestApi.StartAsync();

        using (await api.Client.GetAsync("/v1/ping?token=do-not-log"))
        {
        }

        using (await api.Client.GetAsync("/v1/nowhere"))
        {
        }

        var events = await api.WaitForEventsAsync(SecurityEventTypes.ApiRequest.Type, e => e.Count >= 2);
        Assert.Equal(2, events.Count);
        var ok = events.Single(e => e.GetProperty("status") == "200");
        Assert.Equal("/v1/ping", ok.Resource);
        Assert.Equal("/v1/ping", ok.GetProperty("path"));
        Assert.Equal("GET", ok.GetProperty("method"));
        Assert.Equal("HTTP: GET /v1/ping", ok.GetProperty("action"));
        Assert.Equal("tradingrl-tests/1.0", ok.GetProperty("user_agent"));
        Assert.Equal("127.0.0.1", ok.SourceAddress);
        Assert.Equal(SecurityOutcome.Success, ok.Outcome);
        Assert.True(long.Parse(ok.GetProperty("latency_us")!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Null(ok.Actor);
        Assert.DoesNotContain(ok.Properties.Values, v => v.Contains("do-not-log", StringComparison.Ordinal));
        var missing = events.Single(e => e.GetProperty("status") == "404");
        Assert.Equal("unmatched", missing.GetProperty("action"));
        Assert.Equal(SecurityOutcome.Failure, missing.Outcome);
    }

    [Fact]
    public async Task Audit_Disabled_PublishesNothing()
    {
        await using var api = await TestApi.StartAsync(o => o.AuditRequests = false);

        using (await api.Client.GetAsync("/v1/ping"))
        {
        }

        await api.Services.GetRequiredService<SecurityEventPipeline>().FlushAsync();
        Assert.Empty(api.Events.OfType(SecurityEventTypes.ApiRequest.Type));
    }

    [Theory]
    [InlineData("FrameOptions", "ALLOW-FROM https://x")]
    [InlineData("MaxRequestBodyBytes", "10")]
    [InlineData("HstsMaxAge", "1000.00:00:00")]
    public async Task Start_InsecureOrOutOfRangeOption_FailsNamingTheSetting(string setting, string value)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApi.StartAsync(o =>
        {
            switch (setting)
            {
                case "FrameOptions": o.Headers.FrameOptions = value; break;
                case "MaxRequestBodyBytes": o.MaxRequestBodyBytes = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                default: o.Headers.HstsMaxAge = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }));

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }
}
