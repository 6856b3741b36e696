using System.Security.Claims;

namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>The ASP.NET Core identity of a TradingRl principal: its subject as name, its roles as role claims.</summary>
internal sealed class TradingClaimsIdentity : ClaimsIdentity
{
    public TradingClaimsIdentity(SecurityPrincipal principal)
        : base(CreateClaims(principal), TradingBearerDefaults.AuthenticationScheme, "sub", ClaimTypes.Role)
    {
        Principal = principal;
    }

    public SecurityPrincipal Principal { get; }

    public override string Name => Principal.Subject;

    private static List<Claim> CreateClaims(SecurityPrincipal p)
    {
        var claims = new List<Claim>(2 + p.Roles.Count) { new("sub", p.Subject) };
        if (p.SessionId is { } sid)
        {
            claims.Add(new("sid", sid));
        }

        foreach (var role in p.Roles)
        {
            claims.Add(new(ClaimTypes.Role, role));
        }

        return claims;
    }
}
