using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using TradingRl.Security.AspNetCore.Http;
using TradingRl.Security.AspNetCore.Validation;
using TradingRl.Security.Authorization;

namespace TradingRl.Security.AspNetCore.Authorization;

/// <summary>Decides <see cref="PermissionRequirement"/> with <see cref="ITradingAuthorizer"/>, taking ABAC resources from the validated order or the route.</summary>
internal sealed class PermissionAuthorizationHandler(ITradingAuthorizer authorizer, PermissionCatalog catalog) : AuthorizationHandler<PermissionRequirement>
{
    /// <summary>Decides one permission for the request's principal and records a denial's reason on the request feature.</summary>
    /// <remarks>The one decision used both by this handler and by the security pipeline's authorization fast path.</remarks>
    internal static AuthorizationDecision Decide(ITradingAuthorizer authorizer, PermissionCatalog catalog, SecurityPrincipal principal, string permissionName, HttpContext http)
    {
        catalog.TryGet(permissionName, out var permission);
        return Decide(authorizer, principal, permission, http.GetValidatedOrder(), readRoute: true, http);
    }

    /// <summary>Decides one resolved permission; <paramref name="readRoute"/> false skips the route values of an endpoint whose route has no parameters (there are none to read).</summary>
    internal static AuthorizationDecision Decide(ITradingAuthorizer authorizer, SecurityPrincipal principal, Permission permission, OrderRequest? order, bool readRoute, HttpContext http)
    {
        var route = readRoute ? http.Request.RouteValues : null;
        var request = new AuthorizationRequest(permission)
        {
            Account = order?.Account ?? RouteValue(route, "account"),
            Instrument = order?.Symbol ?? RouteValue(route, "symbol") ?? RouteValue(route, "instrument"),
            Desk = RouteValue(route, "desk"),
            Notional = order is { Type: OrderType.Limit, LimitPrice: { } price } ? order.Quantity * price : null,
            SourceAddress = http.Connection.RemoteIpAddress,
        };

        var decision = authorizer.Authorize(principal, in request);
        if (!decision.IsAllowed)
        {
            http.TradingFeature().DenyReason = decision.ReasonCode;
        }

        return decision;
    }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        // Fail closed: without the request or our principal nothing is allowed.
        if (context.Resource is not HttpContext http || http.GetSecurityPrincipal() is not { } principal)
        {
            return Task.CompletedTask;
        }

        var decision = Decide(authorizer, catalog, principal, requirement.PermissionName, http);
        if (decision.IsAllowed)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, decision.ReasonCode));
        }

        return Task.CompletedTask;
    }

    private static string? RouteValue(Microsoft.AspNetCore.Routing.RouteValueDictionary? route, string name) =>
        route is not null && route.TryGetValue(name, out var v) && v is string { Length: > 0 } s ? s : null;
}
