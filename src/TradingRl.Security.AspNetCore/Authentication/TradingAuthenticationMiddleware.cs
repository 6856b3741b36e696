using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using TradingRl.Security.AspNetCore.Http;

namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>Authenticates the TradingRl bearer token of every request, whatever the host's default scheme, so the rate limiter keys on the user and authorization sees the principal.</summary>
/// <remarks>
/// Calls <see cref="TradingBearerAuthenticator"/> directly, without the per-request scope and handler of
/// <c>HttpContext.AuthenticateAsync</c>; the <c>TradingBearer</c> scheme handler reuses the principal established here
/// when a policy authenticates the scheme again later in the request.
/// </remarks>
internal sealed class TradingAuthenticationMiddleware(RequestDelegate next, TradingBearerAuthenticator authenticator)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Already authenticated with our scheme by the host's own UseAuthentication(): not validated twice. Read from
        // the feature: HttpContext.User would make an empty principal for a request nobody authenticated yet.
        if (context.Features.Get<IHttpAuthenticationFeature>()?.User?.Identity is TradingClaimsIdentity)
        {
            return next(context);
        }

        // The validator answers a cached token synchronously: no async step of this middleware's own then.
        var pending = authenticator.AuthenticateAsync(context);
        if (!pending.IsCompletedSuccessfully)
        {
            return AuthenticateSlowAsync(context, pending);
        }

        SetUser(context, pending.Result);
        return next(context);
    }

    private static void SetUser(HttpContext context, BearerOutcome outcome)
    {
        if (outcome.Principal is not null)
        {
            // The request feature that holds the principal is also the authentication feature: no second object.
            context.Features.Set<IHttpAuthenticationFeature>(context.TradingFeature());
        }
    }

    private async Task AuthenticateSlowAsync(HttpContext context, ValueTask<BearerOutcome> pending)
    {
        SetUser(context, await pending.ConfigureAwait(false));
        await next(context).ConfigureAwait(false);
    }
}
