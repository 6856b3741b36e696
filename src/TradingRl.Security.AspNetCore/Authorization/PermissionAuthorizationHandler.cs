using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using TradingRl.Security.AspNetCore.Http;
using TradingRl.Security.AspNetCore.Validation;
using TradingRl.Security.Authorization;

namespace TradingRl.Security.AspNetCore.Authorization;

/// <summary>Decides <see cref="PermissionRequirement"/> with <see cref="ITradingAuthorizer"/>, taking ABAC resources from the validated order or the route.</summary>
internal sealed class PermissionAuthorizationHandler(ITradingAuthorizer authorizer, PermissionCatalog catalog) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        // Fail closed: without the request or our principal nothing is allowed.
        if (context.Resource is not HttpContext http || http.GetSecurityPrincipal() is not { } principal)
        {
            return Task.CompletedTask;
        }

        catalog.TryGet(requirement.PermissionName, out var permission);
        var order = http.GetValidatedOrder();
        var route = http.Request.RouteValues;
        var request = new AuthorizationRequest(permission)
        {
            Account = order?.Account ?? RouteValue(route, "account"),
            Instrument = order?.Symbol ?? RouteValue(route, "symbol") ?? RouteValue(route, "instrument"),
            Desk = RouteValue(route, "desk"),
            Notional = order is { Type: OrderType.Limit, LimitPrice: { } price } ? order.Quantity * price : null,
            SourceAddress = http.Connection.RemoteIpAddress,
        };

        var decision = authorizer.Authorize(principal, in request);
        if (decision.IsAllowed)
        {
            context.Succeed(requirement);
        }
        else
        {
            http.TradingFeature().DenyReason = decision.ReasonCode;
            context.Fail(new AuthorizationFailureReason(this, decision.ReasonCode));
        }

        return Task.CompletedTask;
    }

    private static string? RouteValue(Microsoft.AspNetCore.Routing.RouteValueDictionary route, string name) =>
        route.TryGetValue(name, out var v) && v is string { Length: > 0 } s ? s : null;
}
