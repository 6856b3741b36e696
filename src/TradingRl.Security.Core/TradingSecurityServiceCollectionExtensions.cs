using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TradingRl.Security.Events;
using TradingRl.Security.Stores;

namespace TradingRl.Security;

/// <summary>Registers the TradingRl.Security suite on an <see cref="IServiceCollection"/>.</summary>
public static class TradingSecurityServiceCollectionExtensions
{
    /// <summary>Adds the Core services (event pipeline, permission catalog, event catalog) and lets <paramref name="configure"/> add packages.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds packages, e.g. <c>b =&gt; b.AddAuth().AddAuthorization()</c>.</param>
    /// <returns>The same service collection.</returns>
    /// <remarks>Safe to call more than once: every registration uses <c>TryAdd*</c>.</remarks>
    public static IServiceCollection AddTradingSecurity(this IServiceCollection services, Action<ITradingSecurityBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new TradingSecurityBuilder(services);
        if (!services.Any(static d => d.ServiceType == typeof(SecurityEventPipeline)))
        {
            AddCoreServices(services);
        }

        configure?.Invoke(builder);
        return services;
    }

    private static void AddCoreServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PermissionCatalog>();
        services.TryAddSingleton<SecurityEventCatalog>();
        services.TryAddSingleton<ISlidingWindowCounterStore, InMemorySlidingWindowCounterStore>();

        services.AddOptions<SecurityEventPipelineOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityEventPipelineOptions>, SecurityEventPipelineOptionsValidator>());
        services.TryAddSingleton<SecurityEventPipeline>();
        services.TryAddSingleton<ISecurityEventPublisher>(static sp => sp.GetRequiredService<SecurityEventPipeline>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SecurityEventPipelineHostedService>());

        services.AddOptions<TradingSecurityRequirements>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TradingSecurityRequirements>, TradingSecurityRequirementsValidator>());
    }

    /// <summary>Checks now, without a host, that every service a composed package requires is registered.</summary>
    /// <param name="serviceProvider">The built service provider.</param>
    /// <exception cref="OptionsValidationException">A required registration is missing; the message names it and the call that provides it.</exception>
    public static void ValidateTradingSecurity(this IServiceProvider serviceProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceProvider);
        _ = serviceProvider.GetRequiredService<IOptions<TradingSecurityRequirements>>().Value;
    }

    /// <summary>Declares that a package needs <typeparamref name="TService"/>, which another package provides.</summary>
    /// <typeparam name="TService">The service the package needs, usually a Core interface.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="requiredBy">The package or feature that needs it, e.g. <c>"AddIncidents()"</c>.</param>
    /// <param name="remedy">How a host provides it, e.g. <c>"call AddCompliance() on the builder"</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Checked when the host starts: a missing service is a start-up error naming the service, the requirer and the remedy.</remarks>
    public static ITradingSecurityBuilder RequireService<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.None)] TService>(
        this ITradingSecurityBuilder builder, string requiredBy, string remedy)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(requiredBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(remedy);
        builder.Services.Configure<TradingSecurityRequirements>(r => r.Add(new ServiceRequirement(typeof(TService), requiredBy, remedy)));
        return builder;
    }

    /// <summary>Registers a subscriber of the security-event pipeline.</summary>
    /// <typeparam name="TSubscriber">The subscriber type, registered as a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice: the same subscriber type is registered once.</remarks>
    public static ITradingSecurityBuilder AddEventSubscriber<TSubscriber>(this ITradingSecurityBuilder builder)
        where TSubscriber : class, ISecurityEventSubscriber
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecurityEventSubscriber, TSubscriber>());
        return builder;
    }

    /// <summary>Configures the security-event pipeline.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options; they are validated when the host starts.</param>
    /// <returns>The same builder.</returns>
    public static ITradingSecurityBuilder ConfigureEventPipeline(this ITradingSecurityBuilder builder, Action<SecurityEventPipelineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
