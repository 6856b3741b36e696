using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization;

/// <summary>Registers the Authorization package on the TradingRl.Security builder.</summary>
public static class AuthorizationTradingSecurityBuilderExtensions
{
    /// <summary>Adds RBAC, ABAC, separation of duties and role administration with the default policy: the seed's four roles and matrix.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice.</remarks>
    public static ITradingSecurityBuilder AddAuthorization(this ITradingSecurityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddCore(builder.Services);
        return builder;
    }

    /// <summary>Adds RBAC, ABAC, separation of duties and role administration, configured from code.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options, e.g. <c>o =&gt; o.UseTradingRoles()</c>; the seed's roles are in by default.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. The policy is validated when the host starts: a bad policy is a start-up error naming the culprit.</remarks>
    public static ITradingSecurityBuilder AddAuthorization(this ITradingSecurityBuilder builder, Action<AuthorizationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services);
        builder.Services.Configure(configure);

        return builder;
    }

    /// <summary>Adds RBAC, ABAC, separation of duties and role administration, configured from a configuration section (JSON).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section holding <see cref="AuthorizationOptions"/>, e.g. <c>configuration.GetSection("Authorization")</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. The policy is validated when the host starts: a bad policy is a start-up error naming the culprit.</remarks>
    public static ITradingSecurityBuilder AddAuthorization(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        AddCore(builder.Services);
        builder.Services.Configure<AuthorizationOptions>(section);
        return builder;
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddOptions<AuthorizationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthorizationOptions>, AuthorizationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthorizationOptions>, AuthorizationPolicyValidator>());
        services.TryAddSingleton<ITradingCalendar, WeekdayTradingCalendar>();
        services.TryAddSingleton(static sp =>
        {
            // Reading Value runs both validators, so a bad policy fails here with every error named.
            var options = sp.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
            return PolicyCompiler.Compile(options, sp.GetRequiredService<PermissionCatalog>(), out var errors)
                ?? throw new OptionsValidationException(Options.DefaultName, typeof(AuthorizationOptions), errors);
        });
        services.TryAddSingleton(static sp => sp.GetRequiredService<CompiledPolicy>().Roles);
        services.TryAddSingleton<IPermissionResolver>(static sp => sp.GetRequiredService<RoleRegistry>());
        services.TryAddSingleton<ITradingAuthorizer>(static sp => new TradingAuthorizer(
            sp.GetRequiredService<CompiledPolicy>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ITradingCalendar>(),
            sp.GetRequiredService<ISecurityEventPublisher>(),
            sp.GetService<ILogger<TradingAuthorizer>>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IRoleAssignmentStore, InMemoryRoleAssignmentStore>();
        services.TryAddSingleton<IRoleAdministrator>(static sp => new RoleAdministrator(
            sp.GetRequiredService<CompiledPolicy>(),
            sp.GetRequiredService<ITradingAuthorizer>(),
            sp.GetRequiredService<IRoleAssignmentStore>(),
            sp.GetRequiredService<ISecurityEventPublisher>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<RoleAdministrator>>()));
        services.TryAddSingleton<IApprovalStore, InMemoryApprovalStore>();
        services.TryAddSingleton<IApprovalWorkflow>(static sp => new ApprovalWorkflow(
            sp.GetRequiredService<CompiledPolicy>(),
            sp.GetRequiredService<ITradingAuthorizer>(),
            sp.GetRequiredService<IApprovalStore>(),
            sp.GetRequiredService<ISecurityEventPublisher>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SecurityEventCatalog>()));
    }
}
