using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Compliance.Evidence;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>Registers control evidence on the TradingRl.Security builder: the section 9 scorecard and the evidence packs.</summary>
public static class EvidenceBuilderExtensions
{
    /// <summary>Adds the <see cref="ScorecardCalculator"/> (with its gauges), the <see cref="EvidencePackWriter"/> and the GDPR <see cref="DataSubjectService"/> (with an in-memory <see cref="IConsentStore"/> unless one is registered), all over the audit trail.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. Needs <c>AddAuditTrail()</c>: without it the host refuses to start. A host may register an <see cref="IMfaEnrollmentSource"/> to take MFA enrolment from its identity store.</remarks>
#pragma warning disable RS0027 // The suite's registration shape: one Action overload with an optional argument beside the IConfigurationSection one.
    public static ITradingSecurityBuilder AddEvidence(this ITradingSecurityBuilder builder, Action<EvidenceOptions>? configure = null)
#pragma warning restore RS0027
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<EvidenceOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddServices(builder);
    }

    /// <summary>Adds control evidence with options bound from configuration (keys named like the <see cref="EvidenceOptions"/> properties).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The same builder.</returns>
    public static ITradingSecurityBuilder AddEvidence(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<EvidenceOptions>().Bind(section);
        return AddServices(builder);
    }

    private static ITradingSecurityBuilder AddServices(ITradingSecurityBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EvidenceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvidenceOptions>, EvidenceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp =>
        {
            var catalog = sp.GetService<SecurityEventCatalog>();
            foreach (var d in EvidenceEventTypes.All)
            {
                catalog?.Register(d);
            }

            return ActivatorUtilities.CreateInstance<ScorecardCalculator>(sp);
        });
        services.TryAddSingleton(static sp => ActivatorUtilities.CreateInstance<EvidencePackWriter>(sp));
        services.TryAddSingleton<IConsentStore, InMemoryConsentStore>();
        services.TryAddSingleton(static sp => ActivatorUtilities.CreateInstance<DataSubjectService>(sp));
        builder.RequireService<AuditTrail>(
            "AddEvidence() (the scorecard and evidence packs are computed from the audit trail)",
            "call AddAuditTrail(o => o.Directory = ...) on the same builder");
        return builder;
    }
}
