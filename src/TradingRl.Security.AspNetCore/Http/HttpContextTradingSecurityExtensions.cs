using Microsoft.AspNetCore.Http;
using TradingRl.Security.AspNetCore.Http;
using TradingRl.Security.AspNetCore.Validation;

namespace TradingRl.Security.AspNetCore;

/// <summary>Reads what the security layer established about the current request.</summary>
public static class HttpContextTradingSecurityExtensions
{
    /// <summary>Gets the authenticated principal of the request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>The principal, or <see langword="null"/> when the request is not authenticated with a TradingRl bearer token.</returns>
    public static SecurityPrincipal? GetSecurityPrincipal(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<TradingRequestFeature>()?.Principal;
    }

    /// <summary>Gets the order validated for this request by an endpoint marked with <c>RequireOrderSchema()</c>.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>The order, or <see langword="null"/> when none was validated.</returns>
    public static OrderRequest? GetValidatedOrder(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<TradingRequestFeature>()?.Order;
    }

    internal static TradingRequestFeature TradingFeature(this HttpContext context)
    {
        var f = context.Features.Get<TradingRequestFeature>();
        if (f is null)
        {
            f = new TradingRequestFeature();
            context.Features.Set(f);
        }

        return f;
    }
}
