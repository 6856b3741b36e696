using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;
using static TradingRl.Security.Incidents.Tests.TestData;

namespace TradingRl.Security.Incidents.Tests;

public sealed class IncidentsTradingSecurityBuilderExtensionsTests
{
    private static IHost BuildHost(FakeTimeProvider time, Action<ITradingSecurityBuilder> compose, Action<IServiceCollection>? extra = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(time);
        extra?.Invoke(builder.Services);
        builder.Services.AddTradingSecurity(b =>
        {
            compose(b);
            b.AddEventSubscriber<CollectingSecurityEventSubscriber>();
        });
        return builder.Build();
    }

    [Fact]
    public async Task AddIncidents_BruteForceThroughThePipeline_OpensOneCriticalIncidentAndLocksTheAccount()
    {
        var time = new FakeTimeProvider(T0);
        var accounts = new FakeAccountContainment();
        using var host = BuildHost(
            time,
            b => b.AddIncidents(o => o.ContainAutomatically(DefaultDetectionRules.FailedLoginBurst, ContainmentAction.LockAccount)),
            s => s.AddSingleton<IAccountContainment>(accounts));
        await host.StartAsync();
        var publisher = host.Services.GetRequiredService<ISecurityEventPublisher>();
        for (var i = 0; i < 100; i++)
        {
            await publisher.PublishAsync(Failed(T0.AddSeconds(i), "alice"));
        }

        var pipeline = host.Services.GetRequiredService<SecurityEventPipeline>();
        var manager = host.Services.GetRequiredService<IncidentManager>();
        await pipeline.FlushAsync();
        await manager.FlushAsync();
        await pipeline.FlushAsync();

        var incident = Assert.Single(await manager.ListAsync());
        Assert.Equal(SecuritySeverity.Critical, incident.Severity);
        Assert.Single(incident.Alerts);
        Assert.Equal(100, incident.EventCount);
        Assert.Equal(94, incident.SuppressedEventCount);
        Assert.Equal(["lock:alice", "revoke:alice"], accounts.Calls);

        var collected = host.Services.GetServices<ISecurityEventSubscriber>().OfType<CollectingSecurityEventSubscriber>().Single();
        Assert.Single(collected.OfType(SecurityEventTypes.IncidentOpened.Type));
        Assert.Single(collected.OfType(SecurityEventTypes.AlertRaised.Type));

        // The package's own events came back through the pipeline and were not evaluated.
        var stats = host.Services.GetRequiredService<DetectionEngine>().GetStatistics();
        Assert.Equal(100, stats.EventsEvaluated);
        Assert.True(stats.EventsSeen > 100);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddIncidents_UnacknowledgedCritical_EscalatesOnTheHostTimer()
    {
        var time = new FakeTimeProvider(T0);
        using var host = BuildHost(time, b => b.AddIncidents());
        await host.StartAsync();
        var manager = host.Services.GetRequiredService<IncidentManager>();
        var id = (await manager.RaiseAsync(Alert())).Id;
        time.Advance(TimeSpan.FromMinutes(5));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await manager.GetAsync(id)).EscalationLevel < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, (await manager.GetAsync(id)).EscalationLevel);
        await host.StopAsync();
    }

    [Fact]
    public void AddIncidents_AutomaticLockWithoutAuth_FailsAtStartNamingTheMissingService()
    {
        using var host = BuildHost(new FakeTimeProvider(T0), b => b.AddIncidents(o => o.ContainAutomatically(DefaultDetectionRules.FailedLoginBurst, ContainmentAction.LockAccount)));
        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.ValidateTradingSecurity());
        Assert.Contains("TradingRl.Security.IAccountContainment", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddAuth()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIncidents_AutomaticKillSwitchWithoutCompliance_FailsAtStart()
    {
        using var host = BuildHost(new FakeTimeProvider(T0), b => b.AddIncidents(o => o.ContainAutomatically(DefaultDetectionRules.RateLimitViolations, ContainmentAction.KillSwitchAccount)));
        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.ValidateTradingSecurity());
        Assert.Contains("IKillSwitch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddCompliance()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddIncidents_CalledTwice_RegistersOneSubscriberAndOneMonitor()
    {
        using var host = BuildHost(new FakeTimeProvider(T0), b => b.AddIncidents().AddIncidents());
        Assert.Single(host.Services.GetServices<ISecurityEventSubscriber>().OfType<IncidentDetectionSubscriber>());
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<EscalationMonitor>());
        Assert.Single(host.Services.GetServices<INotificationChannel>());
        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void AddIncidents_FromConfiguration_BindsRulesDisabledRulesAndWebhook()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Incidents:DisabledRules:0"] = "api-usage-statistics",
            ["Incidents:Rules:0:Id"] = "mfa-failures",
            ["Incidents:Rules:0:Title"] = "MFA failures",
            ["Incidents:Rules:0:Severity"] = "High",
            ["Incidents:Rules:0:Kind"] = "Threshold",
            ["Incidents:Rules:0:EventTypes:0"] = "auth.mfa.failed",
            ["Incidents:Rules:0:Threshold"] = "3",
            ["Incidents:Rules:0:Window"] = "00:10:00",
            ["Incidents:Webhook:Url"] = "https://hooks.example.test/x",
            ["Incidents:Escalation:Critical:Levels:0:After"] = "00:00:00",
            ["Incidents:Escalation:Critical:Levels:0:Target"] = "desk-head",
        }).Build();
        using var host = BuildHost(new FakeTimeProvider(T0), b => b.AddIncidents(config.GetSection("Incidents")));
        var engine = host.Services.GetRequiredService<DetectionEngine>();
        Assert.Contains(engine.Rules, r => r.Id == "mfa-failures" && r.Threshold == 3 && r.Window == TimeSpan.FromMinutes(10));
        Assert.DoesNotContain(engine.Rules, r => r.Id == "api-usage-statistics");
        Assert.Equal(["desk-head"], host.Services.GetRequiredService<IOptions<IncidentsOptions>>().Value.Escalation.LevelsFor(SecuritySeverity.Critical).Select(l => l.Target));
        Assert.Contains(host.Services.GetServices<INotificationChannel>(), c => c.Name == "webhook");
    }

    [Theory]
    [InlineData("Incidents:Webhook:Url", "http://hooks.example.test/x", "plain http to a non-loopback host")]
    [InlineData("Incidents:Rules:0:Window", "00:00:00", "Detection rule 'bad-rule': Window must be 1 second to 400 days.")]
    [InlineData("Incidents:Detection:MaxKeysPerRule", "1", "MaxKeysPerRule")]
    [InlineData("Incidents:UseDefaultRules", "false", "No detection rule is enabled")]
    public async Task AddIncidents_InsecureOrInvalidConfiguration_IsRefusedAtStart(string key, string value, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            ["Incidents:Rules:0:Id"] = "bad-rule",
            ["Incidents:Rules:0:Title"] = "Bad",
            ["Incidents:Rules:0:EventTypes:0"] = "auth.mfa.failed",
            [key] = value,
        };
        if (key == "Incidents:UseDefaultRules")
        {
            values["Incidents:DisabledRules:0"] = "bad-rule";
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var host = BuildHost(new FakeTimeProvider(T0), b => b.AddIncidents(config.GetSection("Incidents")));
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIncidents_NullArguments_Throw()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b =>
        {
            Assert.Throws<ArgumentNullException>(() => b.AddIncidents((Action<IncidentsOptions>)null!));
            Assert.Throws<ArgumentNullException>(() => b.AddIncidents((IConfigurationSection)null!));
        });
        Assert.Throws<ArgumentNullException>(() => IncidentsTradingSecurityBuilderExtensions.AddIncidents(null!));
    }
}
