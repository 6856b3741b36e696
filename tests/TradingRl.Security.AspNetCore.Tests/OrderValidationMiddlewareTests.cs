using System.Net;
using System.Text;
using System.Text.Json;
using TradingRl.Security.Events;
using static TradingRl.Security.AspNetCore.Tests.SecurityHeaderAssertions;

namespace TradingRl.Security.AspNetCore.Tests;

public class OrderValidationMiddlewareTests
{
    private const string ValidOrder = """{"clientOrderId":"c1","account":"ACC-1","symbol":"AAPL","side":"buy","type":"limit","quantity":10,"limitPrice":190.5}""";

    [Fact]
    public async Task ValidOrder_ReachesHandlerUnaltered()
    {
        await using var api = await TestApi.StartAsync();

        using var r = await api.Client.PostAsync("/v1/anonymous-orders", TestApi.Json(ValidOrder));

        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("""{"clientOrderId":"c1","quantity":10}""", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvalidOrder_Answers400ProblemListingEachField_AndPublishes()
    {
        await using var api = await TestApi.StartAsync();

        using var r = await api.Client.PostAsync("/v1/anonymous-orders", TestApi.Json("""{"clientOrderId":"c1","account":"ACC-1","symbol":"aapl","side":"buy","type":"limit","quantity":"10","extra":true}"""));

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        AssertSecurityHeaders(r);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        Assert.Equal("validation_failed", root.GetProperty("code").GetString());
        var errors = root.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("pointer").GetString() + ":" + e.GetProperty("code").GetString()).ToArray();
        Assert.Equal(["#/symbol:format", "#/quantity:type", "#/extra:unknown_field", "#/limitPrice:required"], errors);

        var events = await api.WaitForEventsAsync(SecurityEventTypes.InputValidationFailed.Type, e => e.Count >= 1);
        var e = Assert.Single(events);
        Assert.Equal("4", e.GetProperty("error_count"));
        Assert.Equal("#/symbol,#/quantity,#/extra,#/limitPrice", e.GetProperty("fields"));
    }

    [Fact]
    public async Task MalformedJson_Answers400()
    {
        await using var api = await TestApi.StartAsync();

        using var r = await api.Client.PostAsync("/v1/anonymous-orders", TestApi.Json("""{"clientOrderId":"""));

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("malformed_json", doc.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        AssertSecurityHeaders(r);
    }

    [Fact]
    public async Task ChunkedBodyOverLimit_Answers413()
    {
        await using var api = await TestApi.StartAsync(o => o.MaxRequestBodyBytes = 1_024);
        var payload = Encoding.UTF8.GetBytes("{\"clientOrderId\":\"" + new string('a', 4_000) + "\"}");
        using var content = new StreamContent(new MemoryStream(payload));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/anonymous-orders") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var r = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        AssertSecurityHeaders(r);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/xml")]
    public async Task NonJsonContentType_Answers415(string contentType)
    {
        await using var api = await TestApi.StartAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(ValidOrder));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var r = await api.Client.PostAsync("/v1/anonymous-orders", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.StatusCode);
        AssertSecurityHeaders(r);
    }
}
