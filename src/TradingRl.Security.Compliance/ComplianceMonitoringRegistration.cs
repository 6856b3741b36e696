using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>Registers surveillance, best-execution monitoring and the daily compliance report; called by <c>AddCompliance</c>.</summary>
internal static class ComplianceMonitoringRegistration
{
    /// <summary>Adds the monitors, the report collector (as a pipeline subscriber) and the report generator, with their options validated at start.</summary>
    /// <param name="services">The service collection.</param>
    /// <remarks>Safe to call twice: every registration uses <c>TryAdd*</c>. Configure with <c>services.Configure&lt;SurveillanceOptions&gt;(...)</c> and the like.</remarks>
    internal static void AddComplianceMonitoring(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<SurveillanceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SurveillanceOptions>, SurveillanceOptionsValidator>());
        services.AddOptions<BestExecutionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BestExecutionOptions>, BestExecutionOptionsValidator>());
        services.AddOptions<ComplianceReportOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ComplianceReportOptions>, ComplianceReportOptionsValidator>());

        services.TryAddSingleton<SurveillanceMonitor>();
        services.TryAddSingleton<BestExecutionMonitor>();
        services.TryAddSingleton<ComplianceReportCollector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecurityEventSubscriber, ComplianceReportCollector>(static sp => sp.GetRequiredService<ComplianceReportCollector>()));
        services.TryAddSingleton<ComplianceReportGenerator>();
    }
}
