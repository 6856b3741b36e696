using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingRl.Security.AspNetCore.Validation;

namespace TradingRl.Security.AspNetCore;

/// <summary>Middleware and endpoint extensions of the API security layer.</summary>
public static class TradingApiEndpointExtensions
{
    /// <summary>The most recent API version the package's routes are mapped under.</summary>
    public const int CurrentApiVersion = 1;

    /// <summary>Adds the security middleware: headers, size limit and audit; authentication; rate limiting; order validation; authorization.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    /// <remarks>Call after <c>UseRouting()</c> (implicit in a <c>WebApplication</c>) and before mapping endpoints; call once.</remarks>
    public static IApplicationBuilder UseTradingApiSecurity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<TradingApiOptions>>().Value;
        app.UseMiddleware<ApiSecurityMiddleware>();
        if (options.RateLimits.Enabled)
        {
            app.UseRateLimiter();
        }

        app.UseMiddleware<OrderValidationMiddleware>();
        return app;
    }

    /// <summary>Maps a versioned route group, <c>/v{version}</c>, for the host's API.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="version">The major version.</param>
    /// <returns>The group, for the host's endpoints.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not 1 to 99.</exception>
    public static RouteGroupBuilder MapTradingApi(this IEndpointRouteBuilder endpoints, int version = CurrentApiVersion)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, 99);
        return endpoints.MapGroup("/v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Requires the request body to be a valid order; the handler then takes an <see cref="OrderRequest"/> parameter.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>An invalid body is answered 400 with RFC 9457 problem details listing every bad field; a body over the size limit 413; a body that is not <c>application/json</c> 415.</remarks>
    public static TBuilder RequireOrderSchema<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(OrderSchemaMetadata.Instance);
        return builder;
    }
}
