using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Encryption;
using TradingRl.Security.Incidents;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>Puts the suite's durable state in PostgreSQL, shared by every host of a fleet.</summary>
public static class PostgreSqlTradingSecurityBuilderExtensions
{
    /// <summary>Stores refresh-token families, users, incidents, the key ring and the audit trail in PostgreSQL, with the schema migrated by the package.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options; <see cref="PostgreSqlStoreOptions.ConnectionString"/> is required.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Safe to call twice, before or after <c>AddAuth</c> / <c>AddIncidents</c> / <c>AddEncryption</c> / <c>AddAuditTrail</c>: the PostgreSQL stores replace the embedded defaults.
    /// Registers the health check <see cref="PostgreSqlStoreHealthCheck.Name"/> and migrates the schema at host start
    /// (<see cref="PostgreSqlStoreOptions.MigrateOnStart"/>). Options are validated at start.
    /// </remarks>
    public static ITradingSecurityBuilder UsePostgreSql(this ITradingSecurityBuilder builder, Action<PostgreSqlStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddCore(builder);
    }

    /// <summary>Stores refresh-token families, users, incidents, the key ring and the audit trail in PostgreSQL, with options bound from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section, e.g. <c>TradingSecurity:PostgreSql</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice; see <see cref="UsePostgreSql(ITradingSecurityBuilder, Action{PostgreSqlStoreOptions})"/>.</remarks>
    public static ITradingSecurityBuilder UsePostgreSql(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<PostgreSqlStoreOptions>(section);
        return AddCore(builder);
    }

    private static ITradingSecurityBuilder AddCore(ITradingSecurityBuilder builder)
    {
        var s = builder.Services;
        var first = !s.Any(d => d.ServiceType == typeof(PostgreSqlStoreContext));
        s.AddOptions<PostgreSqlStoreOptions>().ValidateOnStart();
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, PostgreSqlStoreOptionsValidator>());
        s.TryAddSingleton<PostgreSqlStoreContext>();
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlMigrationHostedService>());

        // Replace, not TryAdd: the embedded defaults may already be registered by AddAuth / AddIncidents.
        Use<IRefreshTokenStore>(s, static sp => new PostgreSqlRefreshTokenStore(sp.GetRequiredService<PostgreSqlStoreContext>()));
        Use<IUserStore>(s, static sp => new PostgreSqlUserStore(sp.GetRequiredService<PostgreSqlStoreContext>()));
        Use<IIncidentStore>(s, static sp => new PostgreSqlIncidentStore(sp.GetRequiredService<PostgreSqlStoreContext>()));
        Use<IKeyRingStore>(s, static sp => new PostgreSqlKeyRingStore(sp.GetRequiredService<PostgreSqlStoreContext>()));
        Use<IAuditStore>(s, static sp => new PostgreSqlAuditStore(sp.GetRequiredService<PostgreSqlStoreContext>()));

        if (first)
        {
            s.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
                PostgreSqlStoreHealthCheck.Name,
                static sp => new PostgreSqlStoreHealthCheck(sp.GetRequiredService<PostgreSqlStoreContext>()),
                failureStatus: null,
                tags: ["tradingrl", "postgresql", "ready"]));
        }

        return builder;
    }

    private static void Use<TService>(IServiceCollection services, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        services.RemoveAll<TService>();
        services.AddSingleton(factory);
    }
}
