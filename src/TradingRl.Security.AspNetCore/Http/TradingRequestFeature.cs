using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features.Authentication;
using TradingRl.Security.AspNetCore.Authentication;
using TradingRl.Security.AspNetCore.Validation;

namespace TradingRl.Security.AspNetCore.Http;

/// <summary>What the security layer learned about one request, shared between its middleware and handlers.</summary>
/// <remarks>
/// Also the request's <see cref="IHttpAuthenticationFeature"/> once the security pipeline has authenticated a bearer
/// principal, so one object per request carries both. <c>HttpContext.User</c> is then made when first read: most
/// secured endpoints read <c>GetSecurityPrincipal()</c> and never <c>HttpContext.User</c>, so the claims principal, its
/// identity and claims are not built for them. A principal set by anyone later replaces it, as on the default feature.
/// </remarks>
internal sealed class TradingRequestFeature : IHttpAuthenticationFeature
{
    private ClaimsPrincipal? _user;
    private bool _userMade;

    public SecurityPrincipal? Principal { get; set; }

    public OrderRequest? Order { get; set; }

    /// <summary>Why authentication failed (a stable code for <c>WWW-Authenticate</c> and the audit), when it did.</summary>
    public string? AuthenticationFailure { get; set; }

    /// <summary>Why authorization denied (the decision's reason code), when it did.</summary>
    public string? DenyReason { get; set; }

    /// <summary>Gets or sets the request's user: the claims principal of <see cref="Principal"/>, made when first read.</summary>
    public ClaimsPrincipal? User
    {
        get
        {
            if (!_userMade)
            {
                _user = Principal is { } principal ? TradingClaimsIdentity.CreatePrincipal(principal) : null;
                _userMade = true;
            }

            return _user;
        }

        set
        {
            _user = value;
            _userMade = true;
        }
    }
}
