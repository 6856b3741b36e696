using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.Audit;

public sealed class AuditTrailBuilderExtensionsTests
{
    [Fact]
    public async Task AddAuditTrail_PipelineEvents_RecordedOnceEachWithPipelineOrigin()
    {
        using var log = new AuditTestLog();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTradingSecurity(s => s.AddAuditTrail(o => o.Directory = log.Directory).AddAuditTrail());
        using var host = builder.Build();
        await host.StartAsync();
        var pipeline = host.Services.GetRequiredService<SecurityEventPipeline>();
        var trail = host.Services.GetRequiredService<AuditTrail>();
        for (var i = 0; i < 50; i++)
        {
            await pipeline.PublishAsync(AuditTestLog.Event(i));
        }

        await pipeline.FlushAsync();
        Assert.Equal(50, trail.Count);
        Assert.Single(host.Services.GetServices<ISecurityEventSubscriber>().OfType<AuditEventSubscriber>());
        var record = await trail.ReadAsync(0);
        Assert.Equal(AuditRecordOrigin.Pipeline, record!.Origin);
        Assert.True(host.Services.GetRequiredService<SecurityEventCatalog>().TryGet("compliance.order.checked", out _));
        await host.StopAsync();
        Assert.Equal(50, SignedCheckpoint.Parse(await File.ReadAllTextAsync(Path.Combine(log.Directory, "latest.checkpoint"))).TreeSize);
    }

    [Fact]
    public async Task AddAuditTrail_NoDirectory_StartFailsNamingSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTradingSecurity(s => s.AddAuditTrail());
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("AuditTrailOptions.Directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAuditTrail_SubscriberRedelivery_Deduplicated()
    {
        await using var trail = new AuditTrail(new InMemoryAuditStore(), Options.Create(new AuditTrailOptions { InMemory = true }));
        using var services = new ServiceCollection().AddSingleton(trail).BuildServiceProvider();
        var subscriber = new AuditEventSubscriber(services);
        var batch = Enumerable.Range(0, 10).Select(i => AuditTestLog.Event(i)).ToArray();
        await subscriber.HandleAsync(batch, CancellationToken.None);
        await subscriber.HandleAsync(batch, CancellationToken.None);
        Assert.Equal(10, trail.Count);
        Assert.Equal(1, (await trail.VerifyAsync()).CommitsVerified);
    }
}
