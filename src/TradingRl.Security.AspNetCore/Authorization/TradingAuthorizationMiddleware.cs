using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.AspNetCore.Authentication;
using TradingRl.Security.AspNetCore.Http;
using TradingRl.Security.Authorization;

namespace TradingRl.Security.AspNetCore.Authorization;

/// <summary>ASP.NET Core's authorization middleware with a fast path: endpoints whose only authorization metadata is <c>RequirePermission</c> are decided here with <see cref="ITradingAuthorizer"/>.</summary>
/// <remarks>
/// The fast path gives the same answers as the standard path (the policy <c>TradingBearer</c> + <see cref="PermissionRequirement"/>
/// evaluated by <see cref="PermissionAuthorizationHandler"/>): no principal is a challenge of the <c>TradingBearer</c>
/// scheme (401), a denial is a forbid (403) with the decision's reason code. It skips what that path costs per request
/// (the policy evaluator's second authentication and principal merge, the authorization context, the handler
/// enumeration). It is used only while the host runs ASP.NET Core's own authorization services with no other
/// authorization handler and the stock default policy; any other endpoint, or any customised host, goes through
/// ASP.NET Core's <see cref="AuthorizationMiddleware"/> unchanged.
/// </remarks>
internal sealed class TradingAuthorizationMiddleware
{
    // The marker ASP.NET Core's authorization middleware leaves on the request: endpoint routing refuses to run an
    // endpoint with authorization metadata when it is missing.
    private const string InvokedKey = "__AuthorizationMiddlewareWithEndpointInvoked";
    private static readonly object InvokedValue = new();
    private static readonly Plan NotEligible = new([], [], ReadsRoute: false);

    private readonly RequestDelegate _next;
    private readonly RequestDelegate _standard;
    private readonly ITradingAuthorizer _authorizer;
    private readonly PermissionCatalog _catalog;
    private readonly bool _fastPath;

    // Endpoint -> the permissions it requires, or NotEligible. Endpoints are the host's, a bounded set.
    private readonly ConcurrentDictionary<Endpoint, Plan> _plans = new();

    public TradingAuthorizationMiddleware(RequestDelegate next, RequestDelegate standard, ITradingAuthorizer authorizer, PermissionCatalog catalog, bool fastPath)
    {
        _next = next;
        _standard = standard;
        _authorizer = authorizer;
        _catalog = catalog;
        _fastPath = fastPath;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (!_fastPath || endpoint is null)
        {
            return _standard(context);
        }

        var plan = _plans.GetOrAdd(endpoint, static (e, catalog) => PlanFor(e, catalog), _catalog);
        return plan.Names.Length == 0 ? _standard(context) : AuthorizeAsync(context, plan);
    }

    /// <summary>Whether the host's authorization services are ASP.NET Core's own with no handler but ours, so the fast path decides as they would.</summary>
    internal static bool CanDecideFor(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        if (!Is<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>(sp)
            || !Is<IAuthorizationService, DefaultAuthorizationService>(sp)
            || !Is<IAuthorizationHandlerProvider, DefaultAuthorizationHandlerProvider>(sp)
            || !Is<IAuthorizationEvaluator, DefaultAuthorizationEvaluator>(sp)
            || !Is<IPolicyEvaluator, PolicyEvaluator>(sp)
            || !Is<IAuthorizationMiddlewareResultHandler, AuthorizationMiddlewareResultHandler>(sp))
        {
            return false;
        }

        if (sp.GetServices<IAuthorizationHandler>().Any(static h => h is not (PermissionAuthorizationHandler or PassThroughAuthorizationHandler)))
        {
            return false;
        }

        // The default policy is never part of a RequirePermission policy; a customised one still sends every endpoint
        // the standard way, so nothing depends on that detail.
        var defaultPolicy = sp.GetRequiredService<IAuthorizationPolicyProvider>().GetDefaultPolicyAsync().GetAwaiter().GetResult();
        return defaultPolicy.AuthenticationSchemes.Count == 0 && defaultPolicy.Requirements.All(static r => r is DenyAnonymousAuthorizationRequirement);
    }

    // ASP.NET Core's own implementation: the type, or a subclass from ASP.NET Core's own assembly (the registered
    // authorization service is an internal subclass of DefaultAuthorizationService that adds metrics), not a host's.
    private static bool Is<TService, TImplementation>(IServiceProvider sp)
        where TService : class =>
        sp.GetService<TService>() is TImplementation service && service.GetType().Assembly == typeof(TImplementation).Assembly;

    private static Plan PlanFor(Endpoint endpoint, PermissionCatalog catalog)
    {
        var names = PermissionsOf(endpoint);
        if (names.Length == 0)
        {
            return NotEligible;
        }

        // Permissions already defined are resolved once; a name the catalog does not know yet is looked up per request
        // (a catalog only gains permissions), so it is allowed once defined and denied as unknown until then.
        var permissions = new Permission[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            catalog.TryGet(names[i], out permissions[i]);
        }

        // A route without parameters has no account, desk or instrument to read.
        var readsRoute = endpoint is not RouteEndpoint route || route.RoutePattern.Parameters.Count > 0;
        return new Plan(names, permissions, readsRoute);
    }

    private static string[] PermissionsOf(Endpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        if (metadata.GetMetadata<IAllowAnonymous>() is not null || metadata.GetMetadata<AuthorizationPolicy>() is not null)
        {
            return [];
        }

        var data = metadata.GetOrderedMetadata<IAuthorizeData>();
        if (data.Count == 0 || data.Any(static d => d is not RequirePermissionAttribute)
            || metadata.GetOrderedMetadata<IAuthorizationRequirementData>().Any(static r => r is not RequirePermissionAttribute))
        {
            return [];
        }

        return [.. data.Cast<RequirePermissionAttribute>().Select(static a => a.Permission)];
    }

    private Task AuthorizeAsync(HttpContext context, Plan plan)
    {
        context.Items[InvokedKey] = InvokedValue;
        // One feature look-up for both the principal and the validated order.
        var feature = context.Features.Get<TradingRequestFeature>();
        if (feature?.Principal is not { } principal)
        {
            return context.ChallengeAsync(TradingBearerDefaults.AuthenticationScheme);
        }

        // Every permission is decided, as the standard path invokes every handler after a failure.
        var order = feature.Order;
        var allowed = true;
        for (var i = 0; i < plan.Names.Length; i++)
        {
            var permission = plan.Permissions[i];
            if (!permission.IsDefined)
            {
                _catalog.TryGet(plan.Names[i], out permission);
            }

            allowed &= PermissionAuthorizationHandler.Decide(_authorizer, principal, permission, order, plan.ReadsRoute, context).IsAllowed;
        }

        return allowed ? _next(context) : context.ForbidAsync(TradingBearerDefaults.AuthenticationScheme);
    }

    /// <summary>What an endpoint requires: permission names, the permissions the catalog knew when the plan was made, and whether its route has values to read.</summary>
    private sealed record Plan(string[] Names, Permission[] Permissions, bool ReadsRoute);
}
