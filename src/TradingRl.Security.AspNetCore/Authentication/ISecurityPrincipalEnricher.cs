namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>Adds what an access token does not carry (desk, accounts, attributes) to the principal of an authenticated request.</summary>
/// <remarks>
/// Optional: register one as a singleton. Access tokens carry subject, roles, session and authentication methods only,
/// so without an enricher the principal has no desk and no accounts, and the authorizer denies any request naming an
/// account (<c>account_not_permitted</c>) or a desk (<c>cross_desk</c>): fail closed. Called once per authenticated
/// request; implementations should cache.
/// </remarks>
public interface ISecurityPrincipalEnricher
{
    /// <summary>Returns the principal with the host's facts added.</summary>
    /// <param name="principal">The principal from the validated token.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The enriched principal (a new instance: principals are immutable), or the same one.</returns>
    ValueTask<SecurityPrincipal> EnrichAsync(SecurityPrincipal principal, CancellationToken cancellationToken = default);
}
