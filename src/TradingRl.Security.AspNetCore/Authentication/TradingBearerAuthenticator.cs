using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TradingRl.Security.AspNetCore.Http;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>Reads and validates the <c>Authorization: Bearer</c> header of a request; shared by the scheme handler and the security pipeline's authentication step.</summary>
/// <remarks>Thread-safe (a singleton). Every call runs the validator, so the live-session and revocation check happens on every request.</remarks>
internal sealed class TradingBearerAuthenticator(AccessTokenValidator validator, ISecurityPrincipalEnricher? enricher = null)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Authenticates the request; sets the request feature's principal or failure code.</summary>
    /// <returns>The outcome: a principal, a failure, or neither when the request carries no bearer token.</returns>
    public async ValueTask<BearerOutcome> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return default;
        }

        var feature = context.TradingFeature();
        if (header.Count > 1)
        {
            feature.AuthenticationFailure = "multiple_authorization_headers";
            return BearerOutcome.Failed("More than one Authorization header.");
        }

        var value = header[0]!;
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return default;
        }

        // Nothing is trimmed from the token: a token with stray characters is malformed, not repaired.
        // A slice, not a substring: a token the validator has cached is found without a string made per request.
        var token = value.AsMemory(BearerPrefix.Length);
        if (token.Length == 0)
        {
            feature.AuthenticationFailure = "missing_token";
            return BearerOutcome.Failed("The bearer token is empty.");
        }

        var result = await validator.ValidateTokenAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (!result.IsValid)
        {
            feature.AuthenticationFailure = JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Reason.ToString());
            return BearerOutcome.Failed("The bearer token was refused: " + feature.AuthenticationFailure + ".");
        }

        var principal = result.Principal!;
        if (enricher is not null)
        {
            principal = await enricher.EnrichAsync(principal, context.RequestAborted).ConfigureAwait(false);
        }

        feature.Principal = principal;
        return new BearerOutcome(principal, null);
    }
}

/// <summary>What <see cref="TradingBearerAuthenticator"/> found: a principal, a failure message, or neither (no bearer token).</summary>
internal readonly record struct BearerOutcome(SecurityPrincipal? Principal, string? Failure)
{
    public static BearerOutcome Failed(string message) => new(null, message);
}
