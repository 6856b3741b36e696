using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Stores.Redis;

/// <summary>Registers the Redis stores on the TradingRl.Security builder.</summary>
public static class RedisTradingSecurityBuilderExtensions
{
    /// <summary>The name of the health check <c>UseRedis</c> registers.</summary>
    public const string HealthCheckName = "tradingrl-redis";

    /// <summary>Puts the fleet-shared state in Redis: sliding-window counters, lockout states, sessions, pending MFA challenges and the token revocation check.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options; <see cref="RedisStoreOptions.Configuration"/> is required.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Replaces the embedded in-memory stores whatever the order of calls: <c>UseRedis</c> removes any registration of
    /// <see cref="ISlidingWindowCounterStore"/>, <see cref="ILockoutStore"/>, <see cref="ISessionStore"/>,
    /// <see cref="IMfaChallengeStore"/> and <see cref="IAccessTokenRevocation"/> and adds its own, and the <c>TryAdd</c> of <c>AddTradingSecurity</c> and <c>AddAuth</c>
    /// called later leaves it in place. Safe to call twice. The options are validated when the host starts.
    /// </remarks>
    public static ITradingSecurityBuilder UseRedis(this ITradingSecurityBuilder builder, Action<RedisStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddStores(builder);
    }

    /// <summary>Puts the fleet-shared state in Redis, with options bound from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section, e.g. <c>TradingSecurity:Redis</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Replaces the in-memory stores whatever the order of calls (see the other overload). Safe to call twice.</remarks>
    public static ITradingSecurityBuilder UseRedis(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<RedisStoreOptions>(section);
        return AddStores(builder);
    }

    private static ITradingSecurityBuilder AddStores(ITradingSecurityBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<RedisStoreOptions>().ValidateOnStart();
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisStoreOptions>, RedisStoreOptionsValidator>());
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisStoreOptions>, RedisStoreOptionsConsistencyValidator>());
        s.TryAddSingleton(TimeProvider.System);
        s.TryAddSingleton<RedisConnection>();
        s.AddHealthChecks();
        if (!s.Any(static d => d.ServiceType == typeof(RedisHealthCheck)))
        {
            s.AddSingleton<RedisHealthCheck>();
            s.AddHealthChecks().AddCheck<RedisHealthCheck>(HealthCheckName, tags: ["tradingrl", "ready"]);
        }

        // Replace, not TryAdd: the in-memory defaults may already be registered, and a fleet must never fall back to them.
        s.RemoveAll<ISlidingWindowCounterStore>();
        s.AddSingleton<ISlidingWindowCounterStore>(static sp => new RedisSlidingWindowCounterStore(sp.GetRequiredService<RedisConnection>()));
        s.RemoveAll<ILockoutStore>();
        s.AddSingleton<ILockoutStore>(static sp => new RedisLockoutStore(sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<TimeProvider>()));
        s.RemoveAll<ISessionStore>();
        s.AddSingleton<ISessionStore>(static sp => new RedisSessionStore(sp.GetRequiredService<RedisConnection>(), Sessions(sp)));
        s.RemoveAll<IMfaChallengeStore>();
        s.AddSingleton<IMfaChallengeStore>(static sp => new RedisMfaChallengeStore(sp.GetRequiredService<RedisConnection>()));
        s.RemoveAll<IAccessTokenRevocation>();
        s.AddSingleton<IAccessTokenRevocation>(static sp => new RedisAccessTokenRevocation(
            sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<ISessionStore>(), sp.GetRequiredService<IUserStore>(), Sessions(sp), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private static SessionOptions Sessions(IServiceProvider sp) => sp.GetRequiredService<IOptions<AuthOptions>>().Value.Sessions;
}
