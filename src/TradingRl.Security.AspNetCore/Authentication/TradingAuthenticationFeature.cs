using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>The request's <c>HttpContext.User</c> for a validated bearer principal, made when first read.</summary>
/// <remarks>
/// Most secured endpoints read <c>GetSecurityPrincipal()</c> and never <c>HttpContext.User</c>, so the claims principal,
/// its identity and claims are not built for them. A principal set by anyone later replaces it, as on the default feature.
/// </remarks>
internal sealed class TradingAuthenticationFeature(SecurityPrincipal principal) : IHttpAuthenticationFeature
{
    private ClaimsPrincipal? _user;
    private bool _made;

    public ClaimsPrincipal? User
    {
        get
        {
            if (!_made)
            {
                _user = TradingClaimsIdentity.CreatePrincipal(principal);
                _made = true;
            }

            return _user;
        }

        set
        {
            _user = value;
            _made = true;
        }
    }
}
