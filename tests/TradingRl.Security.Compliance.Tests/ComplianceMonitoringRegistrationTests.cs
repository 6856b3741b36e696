using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests;

public sealed class ComplianceMonitoringRegistrationTests
{
    [Fact]
    public async Task AddComplianceMonitoring_CalledTwice_RegistersOneOfEachAndCollectorSubscribes()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b =>
        {
            ComplianceMonitoringRegistration.AddComplianceMonitoring(b.Services);
            ComplianceMonitoringRegistration.AddComplianceMonitoring(b.Services);
        });
        await using var provider = services.BuildServiceProvider();

        var collector = provider.GetRequiredService<ComplianceReportCollector>();
        Assert.Same(collector, Assert.Single(provider.GetServices<ISecurityEventSubscriber>()));
        Assert.Single(services, d => d.ServiceType == typeof(SurveillanceMonitor));
        Assert.NotNull(provider.GetRequiredService<BestExecutionMonitor>());

        var surveillance = provider.GetRequiredService<SurveillanceMonitor>();
        var generator = provider.GetRequiredService<ComplianceReportGenerator>();
        var pipeline = provider.GetRequiredService<SecurityEventPipeline>();
        surveillance.Observe(new MarketEvent { Kind = MarketEventKind.OrderExecuted, Timestamp = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), Instrument = "XYZ", Side = MarketSide.Buy, OrderId = 1, Price = 10m, Quantity = 1m, Account = "a", ContraAccount = "a" });
        await pipeline.FlushAsync();

        var report = generator.Build(new DateOnly(2026, 12, 3));
        Assert.Equal(1, report.SurveillanceAlerts);
        Assert.Equal(1, report.Surveillance!.Executions);
        Assert.NotNull(report.BestExecution);
    }

    [Fact]
    public async Task AddComplianceMonitoring_InvalidOptions_HostRefusesToStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTradingSecurity(b => ComplianceMonitoringRegistration.AddComplianceMonitoring(b.Services));
        builder.Services.Configure<SurveillanceOptions>(o => o.SpoofingWindow = TimeSpan.Zero);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(nameof(SurveillanceOptions.SpoofingWindow), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddComplianceMonitoring_ConfigurationBinding_ReadsBeneficialOwners()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => ComplianceMonitoringRegistration.AddComplianceMonitoring(b.Services));
        services.Configure<SurveillanceOptions>(o => o.BeneficialOwners["acct-1"] = "owner-A");
        using var provider = services.BuildServiceProvider();

        Assert.Equal("owner-A", provider.GetRequiredService<IOptions<SurveillanceOptions>>().Value.BeneficialOwners["acct-1"]);
    }

    [Fact]
    public void AddComplianceMonitoring_NullServices_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ComplianceMonitoringRegistration.AddComplianceMonitoring(null!));
    }
}
