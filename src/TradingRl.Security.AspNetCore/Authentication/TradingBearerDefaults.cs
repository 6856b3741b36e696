namespace TradingRl.Security.AspNetCore.Authentication;

/// <summary>Names of the TradingRl bearer authentication scheme.</summary>
public static class TradingBearerDefaults
{
    /// <summary>The scheme name, <c>TradingBearer</c>.</summary>
    public const string AuthenticationScheme = "TradingBearer";
}
