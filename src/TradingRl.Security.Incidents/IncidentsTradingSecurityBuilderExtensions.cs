using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Incidents;

/// <summary>Registers the Incidents package on the TradingRl.Security builder.</summary>
public static class IncidentsTradingSecurityBuilderExtensions
{
    /// <summary>Adds detection, incidents, escalation, notification and containment with the default settings.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice.</remarks>
    public static ITradingSecurityBuilder AddIncidents(this ITradingSecurityBuilder builder) => AddIncidents(builder, static _ => { });

    /// <summary>Adds detection, incidents, escalation, notification and containment.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options; validated when the host starts.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Safe to call twice (<c>TryAdd*</c>). Automatic containment is declared with <c>RequireService</c>: a host that asks
    /// for an account lock without Auth, or a kill switch without Compliance, gets a start-up error naming the missing call.
    /// </remarks>
    public static ITradingSecurityBuilder AddIncidents(this ITradingSecurityBuilder builder, Action<IncidentsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var probe = new IncidentsOptions();
        configure(probe);
        builder.Services.AddOptions<IncidentsOptions>().Configure(configure);

        return AddCore(builder, probe);
    }

    /// <summary>Adds detection, incidents, escalation, notification and containment, bound from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section, e.g. <c>configuration.GetSection("Incidents")</c>.</param>
    /// <returns>The same builder.</returns>
    public static ITradingSecurityBuilder AddIncidents(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        var probe = new IncidentsOptions();
        section.Bind(probe);
        builder.Services.AddOptions<IncidentsOptions>().Bind(section);
        return AddCore(builder, probe);
    }

    private static ITradingSecurityBuilder AddCore(ITradingSecurityBuilder builder, IncidentsOptions probe)
    {
        var services = builder.Services;
        services.AddOptions<IncidentsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IncidentsOptions>, IncidentsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IncidentsOptions>, IncidentsRulesValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IIncidentStore>(static sp =>
        {
            var dir = sp.GetRequiredService<IOptions<IncidentsOptions>>().Value.DataDirectory;
            return string.IsNullOrWhiteSpace(dir) ? new InMemoryIncidentStore() : new FileIncidentStore(dir);
        });
        services.TryAddSingleton(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<IncidentsOptions>>().Value;
            return new DetectionEngine(o.EffectiveRules(), o.Detection, sp.GetRequiredService<TimeProvider>(), sp.GetService<IMeterFactory>());
        });
        services.TryAddSingleton<IncidentManager>();
        builder.AddEventSubscriber<IncidentDetectionSubscriber>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EscalationMonitor>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, LoggingNotificationChannel>());
        if (probe.Webhook.Url is not null)
        {
            services.AddHttpClient(WebhookNotificationChannel.HttpClientName);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, WebhookNotificationChannel>());
        }

        foreach (var auto in probe.AutomaticContainment)
        {
            if (auto?.Action is ContainmentAction.LockAccount or ContainmentAction.RevokeSessions)
            {
                builder.RequireService<IAccountContainment>(
                    $"AddIncidents() automatic containment ({auto.Action} on rule '{auto.RuleId}')", "call AddAuth() on the builder, or register an IAccountContainment");
            }
            else if (auto is not null)
            {
                builder.RequireService<IKillSwitch>(
                    $"AddIncidents() automatic containment ({auto.Action} on rule '{auto.RuleId}')", "call AddCompliance() on the builder, or register an IKillSwitch");
            }
        }

        return builder;
    }
}
