namespace TradingRl.Security.Authorization;

/// <summary>Decides whether a principal may perform an action on a resource: RBAC, step-up, desk isolation, account scope, then ABAC with deny-overrides.</summary>
/// <remarks>Thread-safe. Never throws on a deny: a deny is a value, published as an <c>authz.access.denied</c> event.</remarks>
public interface ITradingAuthorizer
{
    /// <summary>Decides a request now; a deny publishes <c>authz.access.denied</c>.</summary>
    /// <param name="principal">Who asks.</param>
    /// <param name="request">What is asked: the permission, the resource and the environment.</param>
    /// <returns>The decision; allocation-free when allowed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/> is <see langword="null"/>.</exception>
    AuthorizationDecision Authorize(SecurityPrincipal principal, in AuthorizationRequest request);

    /// <summary>Decides a request as <see cref="Authorize"/> would at <paramref name="at"/>, and explains every rule; publishes nothing.</summary>
    /// <param name="principal">Who would ask.</param>
    /// <param name="request">What would be asked.</param>
    /// <param name="at">The instant to evaluate at.</param>
    /// <returns>The decision and how every applicable rule evaluated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/> is <see langword="null"/>.</exception>
    AuthorizationExplanation WhatIf(SecurityPrincipal principal, in AuthorizationRequest request, DateTimeOffset at);
}
