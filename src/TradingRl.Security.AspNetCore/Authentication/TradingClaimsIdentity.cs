using System.Security.Claims;

namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>The ASP.NET Core identity of a TradingRl principal: its subject as name, its roles as role claims.</summary>
internal sealed class TradingClaimsIdentity : ClaimsIdentity
{
    public TradingClaimsIdentity(SecurityPrincipal principal)
        : base(null, TradingBearerDefaults.AuthenticationScheme, "sub", ClaimTypes.Role)
    {
        Principal = principal;

        // Claims made with this identity as subject are stored as they are; claims passed to the base constructor
        // would each be cloned once more.
        AddOwn("sub", principal.Subject);
        if (principal.SessionId is { } sid)
        {
            AddOwn("sid", sid);
        }

        foreach (var role in principal.Roles)
        {
            AddOwn(ClaimTypes.Role, role);
        }
    }

    public SecurityPrincipal Principal { get; }

    public override string Name => Principal.Subject;

    /// <summary>Creates the request's <see cref="ClaimsPrincipal"/> for a validated principal.</summary>
    public static ClaimsPrincipal CreatePrincipal(SecurityPrincipal principal) => new(new TradingClaimsIdentity(principal));

    private void AddOwn(string type, string value) => AddClaim(new Claim(type, value, ClaimValueTypes.String, null, null, this));
}
