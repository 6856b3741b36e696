using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TradingRl.Security.AspNetCore.Http;

namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>Authenticates <c>Authorization: Bearer</c> requests with the Auth package's <see cref="Auth.Tokens.AccessTokenValidator"/> (signature, claims, expiry, live session, revocation).</summary>
/// <remarks>401 answers carry <c>WWW-Authenticate: Bearer</c> (RFC 6750 section 3) and problem details; 403 answers carry the authorization decision's reason code.</remarks>
internal sealed class TradingBearerHandler(
    IOptionsMonitor<TradingBearerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TradingBearerAuthenticator authenticator)
    : AuthenticationHandler<TradingBearerOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The security pipeline already validated this request's token a moment ago: reuse its principal.
        if (Context.User.Identity is TradingClaimsIdentity identity && ReferenceEquals(Context.GetSecurityPrincipal(), identity.Principal))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(Context.User, Scheme.Name));
        }

        var outcome = await authenticator.AuthenticateAsync(Context).ConfigureAwait(false);
        if (outcome.Principal is { } principal)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(TradingClaimsIdentity.CreatePrincipal(principal), Scheme.Name));
        }

        return outcome.Failure is { } failure ? AuthenticateResult.Fail(failure) : AuthenticateResult.NoResult();
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Features.Get<TradingRequestFeature>()?.AuthenticationFailure;
        Response.Headers[HeaderNames.WWWAuthenticate] = failure is null
            ? $"Bearer realm=\"{Options.Realm}\""
            : $"Bearer realm=\"{Options.Realm}\", error=\"invalid_token\", error_description=\"{failure}\"";
        await ProblemWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            failure is null ? "A bearer token is required." : "The bearer token was refused.", failure ?? "missing_token").ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var reason = Context.Features.Get<TradingRequestFeature>()?.DenyReason ?? "forbidden";
        await ProblemWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden",
            "The principal may not perform this action.", reason).ConfigureAwait(false);
    }
}
