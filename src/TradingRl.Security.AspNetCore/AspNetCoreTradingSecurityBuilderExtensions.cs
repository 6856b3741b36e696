using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using TradingRl.Security.AspNetCore.Authentication;
using TradingRl.Security.AspNetCore.Authorization;
using TradingRl.Security.AspNetCore.RateLimiting;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Authorization;

namespace TradingRl.Security.AspNetCore;

/// <summary>Registers the ASP.NET Core API security layer on the TradingRl.Security builder.</summary>
public static class AspNetCoreTradingSecurityBuilderExtensions
{
    /// <summary>Adds bearer authentication, permission policies, rate limiting, security headers, order validation and the request audit with the default options.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. Then call <c>app.UseTradingApiSecurity()</c> before mapping endpoints.</remarks>
    public static ITradingSecurityBuilder AddAspNetCore(this ITradingSecurityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddCore(builder);
        return builder;
    }

    /// <summary>Adds bearer authentication, permission policies, rate limiting, security headers, order validation and the request audit, configured from code.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options; they are validated when the host starts.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. Then call <c>app.UseTradingApiSecurity()</c> before mapping endpoints.</remarks>
    public static ITradingSecurityBuilder AddAspNetCore(this ITradingSecurityBuilder builder, Action<TradingApiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder);
        builder.Services.Configure(configure);

        return builder;
    }

    /// <summary>Adds the API security layer with options bound from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section, e.g. <c>configuration.GetSection("TradingSecurity:Api")</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice.</remarks>
    public static ITradingSecurityBuilder AddAspNetCore(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        AddCore(builder);
        builder.Services.Configure<TradingApiOptions>(section);
        return builder;
    }

    private static void AddCore(ITradingSecurityBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<TradingApiOptions>().ValidateOnStart();
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TradingApiOptions>, TradingApiOptionsValidator>());
        s.TryAddSingleton(TimeProvider.System);

        s.TryAddSingleton(static sp => new TradingRateLimiter(sp.GetRequiredService<IOptions<TradingApiOptions>>().Value.RateLimits, sp.GetRequiredService<TimeProvider>()));
        s.AddRateLimiter(static _ => { });
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RateLimiterOptions>, RateLimiterSetup>());

        s.TryAddSingleton(static sp => new TradingBearerAuthenticator(sp.GetRequiredService<AccessTokenValidator>(), sp.GetService<ISecurityPrincipalEnricher>()));

        // Authentication through ASP.NET Core with the Auth package's validator; the scheme is added once.
        if (!s.Any(static d => d.ServiceType == typeof(TradingBearerHandler)))
        {
            s.AddAuthentication().AddScheme<TradingBearerOptions, TradingBearerHandler>(TradingBearerDefaults.AuthenticationScheme, null);
            s.Configure<AuthenticationOptions>(static o => o.DefaultScheme ??= TradingBearerDefaults.AuthenticationScheme);
        }

        s.AddAuthorization();
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PermissionAuthorizationHandler>());
        builder.RequireService<AccessTokenValidator>("AddAspNetCore() (bearer authentication)", "call AddAuth(...) on the builder");
        builder.RequireService<ITradingAuthorizer>("AddAspNetCore() (permission policies)", "call AddAuthorization(...) on the builder");
    }
}
