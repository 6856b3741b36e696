using Microsoft.AspNetCore.Authentication;

namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>Options of the TradingRl bearer scheme; the token rules themselves are the Auth package's <c>AuthOptions</c>.</summary>
internal sealed class TradingBearerOptions : AuthenticationSchemeOptions
{
    public string Realm { get; set; } = "trading-api";
}
