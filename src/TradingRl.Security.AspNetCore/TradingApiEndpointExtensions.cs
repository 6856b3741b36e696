using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingRl.Security.Authorization;
using TradingRl.Security.AspNetCore.Authentication;
using TradingRl.Security.AspNetCore.Authorization;
using TradingRl.Security.AspNetCore.RateLimiting;
using TradingRl.Security.AspNetCore.Validation;

namespace TradingRl.Security.AspNetCore;

/// <summary>Middleware and endpoint extensions of the API security layer.</summary>
public static class TradingApiEndpointExtensions
{
    /// <summary>The most recent API version the package's routes are mapped under.</summary>
    public const int CurrentApiVersion = 1;

    // The keys UseAuthentication() and UseAuthorization() set on the application; WebApplication adds either
    // middleware itself when its key is missing.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    /// <summary>Adds the security middleware: headers, size limit and audit; authentication; rate limiting; order validation; authorization.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    /// <remarks>Call after <c>UseRouting()</c> (implicit in a <c>WebApplication</c>) and before mapping endpoints; call once.</remarks>
    public static IApplicationBuilder UseTradingApiSecurity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var options = services.GetRequiredService<IOptions<TradingApiOptions>>().Value;
        app.UseMiddleware<ApiSecurityMiddleware>();
        if (TradingBearerIsTheOnlyAuthentication(services))
        {
            // Our authentication step does all that WebApplication's implicit UseAuthentication() would (the default
            // scheme is ours and no scheme handles requests itself): mark it set, so the bearer token is not
            // authenticated a second time through a per-request scope and handler.
            app.Properties[AuthenticationMiddlewareSetKey] = true;
        }

        app.UseMiddleware<TradingAuthenticationMiddleware>();
        if (options.RateLimits.Enabled)
        {
            TradingRateLimitingMiddleware.Use(app);
        }

        app.UseMiddleware<OrderValidationMiddleware>();

        // ASP.NET Core's authorization middleware, behind a fast path for RequirePermission endpoints; marked set as
        // UseAuthorization() marks it, so WebApplication adds no second one.
        app.Properties[AuthorizationMiddlewareSetKey] = true;
        var fastPath = TradingAuthorizationMiddleware.CanDecideFor(services);
        var authorizer = services.GetRequiredService<ITradingAuthorizer>();
        var catalog = services.GetRequiredService<PermissionCatalog>();
        app.Use(next =>
        {
            var standard = ActivatorUtilities.CreateInstance<AuthorizationMiddleware>(services, next);
            return new TradingAuthorizationMiddleware(next, standard.Invoke, authorizer, catalog, fastPath).InvokeAsync;
        });
        return app;
    }

    private static bool TradingBearerIsTheOnlyAuthentication(IServiceProvider services)
    {
        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
        var defaultScheme = schemes.GetDefaultAuthenticateSchemeAsync().GetAwaiter().GetResult();
        return defaultScheme?.Name == TradingBearerDefaults.AuthenticationScheme && !schemes.GetRequestHandlerSchemesAsync().GetAwaiter().GetResult().Any();
    }

    /// <summary>Maps a versioned route group, <c>/v{version}</c>, for the host's API, with the package's own route <c>GET /v{version}/security/principal</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="version">The major version.</param>
    /// <returns>The group, for the host's endpoints.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not 1 to 99.</exception>
    public static RouteGroupBuilder MapTradingApi(this IEndpointRouteBuilder endpoints, int version = CurrentApiVersion)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, 99);
        var group = endpoints.MapGroup("/v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        group.MapGet("/security/principal", static (HttpContext context, PermissionCatalog catalog) =>
            {
                var p = context.GetSecurityPrincipal()!;
                return Results.Json(new PrincipalView(p.Subject, p.Roles, [.. catalog.Expand(p.Permissions).Select(static x => x.Name)], p.Desk, p.Accounts, p.HasMultiFactor));
            })
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = TradingBearerDefaults.AuthenticationScheme })
            .WithName("TradingSecurity.Principal.v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return group;
    }

    /// <summary>Requires a TradingRl bearer token whose principal the suite's authorizer allows <paramref name="permission"/>.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="permission">The permission, e.g. <see cref="Permissions.PlaceOrder"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="permission"/> is the default value.</exception>
    /// <remarks>See <see cref="RequirePermissionAttribute"/> for 401, 403 and where ABAC resources come from.</remarks>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!permission.IsDefined)
        {
            throw new ArgumentException("The permission is the default value; pass one of Permissions or a catalog permission.", nameof(permission));
        }

        builder.WithMetadata(new RequirePermissionAttribute(permission.Name));
        return builder;
    }

    /// <summary>Requires a TradingRl bearer token whose principal the suite's authorizer allows the named permission.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="permission">The permission's dotted name, e.g. <c>orders.place</c>; an unknown name always denies.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new RequirePermissionAttribute(permission));
        return builder;
    }

    private sealed record PrincipalView(string Subject, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, string? Desk, IReadOnlyList<string> Accounts, bool MultiFactor);

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
