using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>Registers the tamper-evident audit trail on the TradingRl.Security builder.</summary>
public static class AuditTrailBuilderExtensions
{
    /// <summary>Adds the audit trail: the <see cref="AuditTrail"/> service, its store, the pipeline subscriber that records every security event, and the host service that opens it and signs checkpoints.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options, e.g. <c>o =&gt; o.Directory = Path.Combine(data, "audit")</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. Options are validated at start: a missing directory (without <c>InMemory</c>) is refused.</remarks>
#pragma warning disable RS0027 // The suite's registration shape: one Action overload with an optional argument beside the IConfigurationSection one.
    public static ITradingSecurityBuilder AddAuditTrail(this ITradingSecurityBuilder builder, Action<AuditTrailOptions>? configure = null)
#pragma warning restore RS0027
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<AuditTrailOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(builder);
    }

    /// <summary>Adds the audit trail with options bound from configuration (keys named like the <see cref="AuditTrailOptions"/> properties).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The same builder.</returns>
    public static ITradingSecurityBuilder AddAuditTrail(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<AuditTrailOptions>().Bind(section);
        return AddCore(builder);
    }

    private static ITradingSecurityBuilder AddCore(ITradingSecurityBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuditTrailOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditTrailOptions>, AuditTrailOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditStore>(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<AuditTrailOptions>>().Value;
            return o.Directory is { Length: > 0 } dir
                ? new FileAuditStore(dir, o.Durability, o.SegmentSize, sp.GetService<ILogger<FileAuditStore>>())
                : new InMemoryAuditStore();
        });
        services.TryAddSingleton(static sp =>
        {
            var catalog = sp.GetService<SecurityEventCatalog>();
            foreach (var d in AuditEventTypes.All)
            {
                catalog?.Register(d);
            }

            return ActivatorUtilities.CreateInstance<AuditTrail>(sp);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditTrailHostedService>());
        builder.AddEventSubscriber<AuditEventSubscriber>();
        return builder;
    }
}
