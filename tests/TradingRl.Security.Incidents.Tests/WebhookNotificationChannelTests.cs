using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;
using static TradingRl.Security.Incidents.Tests.TestData;

namespace TradingRl.Security.Incidents.Tests;

public sealed class WebhookNotificationChannelTests
{
    private static readonly IncidentNotification Notification = new()
    {
        Kind = IncidentNotificationKind.Escalation,
        IncidentId = "INC-20260105-0A0B0C0D",
        Title = "Multiple failed login attempts: alice",
        Severity = SecuritySeverity.Critical,
        Status = IncidentStatus.Identified,
        DedupKey = "account-compromise:alice",
        Level = 2,
        Target = "security-lead",
        OpenedAt = T0,
        SentAt = T0.AddMinutes(5),
    };

    private static (WebhookNotificationChannel Channel, ScriptedHandler Handler) Create(params HttpStatusCode[] answers)
    {
        var handler = new ScriptedHandler(answers);
        var services = new ServiceCollection();
        services.AddHttpClient(WebhookNotificationChannel.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        var options = new IncidentsOptions();
        options.Webhook.Url = new Uri("https://hooks.example.test/incidents");
        options.Webhook.RetryDelay = TimeSpan.Zero;
        var channel = new WebhookNotificationChannel(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), Options.Create(options), new FakeTimeProvider(T0));
        return (channel, handler);
    }

    [Fact]
    public async Task SendAsync_TwoServerErrorsThenSuccess_RetriesAndSucceeds()
    {
        var (channel, handler) = Create(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        await channel.SendAsync(Notification);
        Assert.Equal(3, handler.Bodies.Count);
        using var body = JsonDocument.Parse(handler.Bodies[0]);
        Assert.Equal("INC-20260105-0A0B0C0D", body.RootElement.GetProperty("incidentId").GetString());
        Assert.Equal("Critical", body.RootElement.GetProperty("severity").GetString());
        Assert.Equal("account-compromise:alice", body.RootElement.GetProperty("dedupKey").GetString());
    }

    [Fact]
    public async Task SendAsync_ServerKeepsFailing_ThrowsAfterMaxAttempts()
    {
        var (channel, handler) = Create(HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK);
        var ex = await Assert.ThrowsAsync<NotificationFailedException>(() => channel.SendAsync(Notification).AsTask());
        Assert.Equal("The webhook notification for incident INC-20260105-0A0B0C0D failed: HTTP 502.", ex.Message);
        Assert.Equal(3, handler.Bodies.Count);
    }

    [Fact]
    public async Task SendAsync_ClientError_IsNotRetried()
    {
        var (channel, handler) = Create(HttpStatusCode.BadRequest, HttpStatusCode.OK);
        await Assert.ThrowsAsync<NotificationFailedException>(() => channel.SendAsync(Notification).AsTask());
        Assert.Single(handler.Bodies);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_IsRetried()
    {
        var (channel, handler) = Create(HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted);
        await channel.SendAsync(Notification);
        Assert.Equal(2, handler.Bodies.Count);
    }

    [Fact]
    public async Task SendAsync_NullNotification_Throws()
    {
        var (channel, _) = Create(HttpStatusCode.OK);
        await Assert.ThrowsAsync<ArgumentNullException>(() => channel.SendAsync(null!).AsTask());
    }

    private sealed class ScriptedHandler(HttpStatusCode[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(answers[Math.Min(_next++, answers.Length - 1)]);
        }
    }
}
