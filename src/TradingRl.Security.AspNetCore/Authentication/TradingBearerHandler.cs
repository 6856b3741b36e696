using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TradingRl.Security.AspNetCore.Http;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>Authenticates <c>Authorization: Bearer</c> requests with the Auth package's <see cref="AccessTokenValidator"/> (signature, claims, expiry, live session, revocation).</summary>
/// <remarks>401 answers carry <c>WWW-Authenticate: Bearer</c> (RFC 6750 section 3) and problem details; 403 answers carry the authorization decision's reason code.</remarks>
internal sealed class TradingBearerHandler(
    IOptionsMonitor<TradingBearerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenValidator validator,
    ISecurityPrincipalEnricher? enricher = null)
    : AuthenticationHandler<TradingBearerOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var feature = Context.TradingFeature();
        if (header.Count > 1)
        {
            feature.AuthenticationFailure = "multiple_authorization_headers";
            return AuthenticateResult.Fail("More than one Authorization header.");
        }

        var value = header[0]!;
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        // Nothing is trimmed from the token: a token with stray characters is malformed, not repaired.
        var token = value[BearerPrefix.Length..];
        if (token.Length == 0)
        {
            feature.AuthenticationFailure = "missing_token";
            return AuthenticateResult.Fail("The bearer token is empty.");
        }

        var result = await validator.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (!result.IsValid)
        {
            feature.AuthenticationFailure = JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Reason.ToString());
            return AuthenticateResult.Fail("The bearer token was refused: " + feature.AuthenticationFailure + ".");
        }

        var principal = result.Principal!;
        if (enricher is not null)
        {
            principal = await enricher.EnrichAsync(principal, Context.RequestAborted).ConfigureAwait(false);
        }

        feature.Principal = principal;
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new TradingClaimsIdentity(principal)), Scheme.Name));
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
