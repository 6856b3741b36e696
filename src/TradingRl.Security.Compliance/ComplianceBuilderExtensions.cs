using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance;

/// <summary>Registers the Compliance package on the TradingRl.Security builder.</summary>
public static class ComplianceBuilderExtensions
{
    /// <summary>Adds the Compliance package with the default (seed) options.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. See <see cref="AddCompliance(ITradingSecurityBuilder, Action{ComplianceOptions}?)"/>.</remarks>
    public static ITradingSecurityBuilder AddCompliance(this ITradingSecurityBuilder builder) => builder.AddCompliance((Action<ComplianceOptions>?)null);

    /// <summary>Adds the pre-trade risk gate, portfolio book, trading states and kill switch (<see cref="IKillSwitch"/>) and trade reporting.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options (limits, windows, regimes); validated when the host starts. <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Safe to call twice. The host must register an <see cref="IOrderCancellationHandler"/> (its order gateway): without one the
    /// host refuses to start, because the kill switch could not cancel resting orders. A host may register its own
    /// <see cref="ITradeReportSink"/> first to replace the JSON-lines file sink.
    /// </remarks>
    public static ITradingSecurityBuilder AddCompliance(this ITradingSecurityBuilder builder, Action<ComplianceOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ComplianceOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddServices(builder);
    }

    /// <summary>Adds the Compliance package with options bound from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section, e.g. <c>configuration.GetSection("Compliance")</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. See <see cref="AddCompliance(ITradingSecurityBuilder, Action{ComplianceOptions}?)"/>.</remarks>
    public static ITradingSecurityBuilder AddCompliance(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<ComplianceOptions>().Bind(section);
        return AddServices(builder);
    }

    private static ITradingSecurityBuilder AddServices(ITradingSecurityBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ComplianceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ComplianceOptions>, ComplianceOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ComplianceOptions>, ComplianceSettingsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PortfolioBook>();
        services.TryAddSingleton<ITradingStateStore>(static sp =>
            sp.GetRequiredService<IOptions<ComplianceOptions>>().Value.StateDirectory is { Length: > 0 } dir
                ? new FileTradingStateStore(dir)
                : new InMemoryTradingStateStore());
        // A factory, so that a missing order gateway is reported by the start-up requirement below (naming the remedy), not
        // by the container's ValidateOnBuild as a bare "unable to resolve" error.
        services.TryAddSingleton(static sp => sp.GetService<IOrderCancellationHandler>() is null
            ? throw new InvalidOperationException(
                "The kill switch needs an IOrderCancellationHandler: register your order gateway, e.g. services.AddSingleton<IOrderCancellationHandler, MyOrderGateway>().")
            : ActivatorUtilities.CreateInstance<TradingStateController>(sp));
        services.TryAddSingleton<IKillSwitch>(static sp => sp.GetRequiredService<TradingStateController>());
        services.TryAddSingleton<PreTradeRiskGate>();
        services.TryAddSingleton<ITradeReportSink, JsonLinesTradeReportSink>();
        services.TryAddSingleton<TradeReporter>();
        ComplianceMonitoringRegistration.AddComplianceMonitoring(services);
        builder.RequireService<IOrderCancellationHandler>(
            "AddCompliance() (the kill switch cancels open orders through it)",
            "register your order gateway, e.g. services.AddSingleton<IOrderCancellationHandler, MyOrderGateway>()");
        return builder;
    }
}
