using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

public sealed class TradingSecurityServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTradingSecurity_CalledTwice_RegistersEachServiceOnce()
    {
        var once = new ServiceCollection();
        once.AddTradingSecurity(b => b.AddEventSubscriber<CollectingSecurityEventSubscriber>());
        var twice = new ServiceCollection();
        twice.AddTradingSecurity(b => b.AddEventSubscriber<CollectingSecurityEventSubscriber>());
        twice.AddTradingSecurity(b => b.AddEventSubscriber<CollectingSecurityEventSubscriber>());

        Assert.Equal(
            once.Select(d => d.ServiceType.FullName).Order(),
            twice.Select(d => d.ServiceType.FullName).Order());
        using var sp = twice.BuildServiceProvider();
        Assert.Single(sp.GetServices<ISecurityEventSubscriber>());
        Assert.Single(sp.GetServices<IHostedService>());
        Assert.Same(sp.GetRequiredService<SecurityEventPipeline>(), sp.GetRequiredService<ISecurityEventPublisher>());
    }

    [Fact]
    public void AddTradingSecurity_NullServices_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TradingSecurityServiceCollectionExtensions.AddTradingSecurity(null!));
    }

    [Fact]
    public async Task HostStart_RequiredServiceMissing_FailsNamingServiceAndRemedy()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTradingSecurity(b => b.RequireService<IKillSwitch>("AddIncidents()", "call AddCompliance() on the builder"));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("TradingRl.Security.IKillSwitch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddIncidents()", ex.Message, StringComparison.Ordinal);
        Assert.Contains("call AddCompliance() on the builder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_RequiredServicePresent_Starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IKillSwitch, NoopKillSwitch>();
        builder.Services.AddTradingSecurity(b => b.RequireService<IKillSwitch>("AddIncidents()", "call AddCompliance()"));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void ValidateTradingSecurity_WithoutHost_ThrowsForMissingService()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.RequireService<ISecretProtector>("AddAuth()", "call AddEncryption()"));
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(sp.ValidateTradingSecurity);
        Assert.Contains("ISecretProtector", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireService_BlankArguments_Throw()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b =>
        {
            Assert.Throws<ArgumentException>(() => b.RequireService<IKillSwitch>(" ", "x"));
            Assert.Throws<ArgumentNullException>(() => b.RequireService<IKillSwitch>("x", null!));
        });
    }

    [Fact]
    public async Task HostStart_InvalidPipelineOptions_FailsAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTradingSecurity(b => b.ConfigureEventPipeline(o => o.MaxBatchSize = 0));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("MaxBatchSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStop_EventsPublishedByAnotherHostedServiceWhileStopping_AreDelivered()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService<PublishOnStop>();
        builder.Services.AddTradingSecurity(b => b.AddEventSubscriber<CollectingSecurityEventSubscriber>());
        builder.Services.AddSingleton<CollectingSecurityEventSubscriber>();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        var collected = (CollectingSecurityEventSubscriber)host.Services.GetServices<ISecurityEventSubscriber>().Single();
        Assert.Equal(100, collected.OfType("system.config.changed").Count);
    }

    private sealed class PublishOnStop(ISecurityEventPublisher publisher, TimeProvider time) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            for (var i = 0; i < 100; i++)
            {
                publisher.Publish(SecurityEventTypes.ConfigurationChanged.CreateEvent(time.GetUtcNow()));
            }

            return Task.CompletedTask;
        }
    }

    private sealed class NoopKillSwitch : IKillSwitch
    {
        public ValueTask<int> EngageAsync(KillSwitchScope scope, string actor, string reason, CancellationToken cancellationToken = default) => ValueTask.FromResult(0);

        public bool IsEngaged(KillSwitchScope scope) => false;
    }
}
