using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>Authenticates the TradingRl bearer token of every request, whatever the host's default scheme, so the rate limiter keys on the user and authorization sees the principal.</summary>
/// <remarks>
/// Calls <see cref="TradingBearerAuthenticator"/> directly, without the per-request scope and handler of
/// <c>HttpContext.AuthenticateAsync</c>; the <c>TradingBearer</c> scheme handler reuses the principal established here
/// when a policy authenticates the scheme again later in the request.
/// </remarks>
internal sealed class TradingAuthenticationMiddleware(RequestDelegate next, TradingBearerAuthenticator authenticator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Already authenticated with our scheme by the host's own UseAuthentication(): not validated twice. Read from
        // the feature: HttpContext.User would make an empty principal for a request nobody authenticated yet.
        if (context.Features.Get<IHttpAuthenticationFeature>()?.User?.Identity is not TradingClaimsIdentity)
        {
            var outcome = await authenticator.AuthenticateAsync(context).ConfigureAwait(false);
            if (outcome.Principal is { } principal)
            {
                context.Features.Set<IHttpAuthenticationFeature>(new TradingAuthenticationFeature(principal));
            }
        }

        await next(context).ConfigureAwait(false);
    }
}
