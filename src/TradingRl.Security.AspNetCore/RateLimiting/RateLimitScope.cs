namespace TradingRl.Security.AspNetCore.RateLimiting;

/// <summary>Which limit refused a request.</summary>
internal enum RateLimitScope
{
    User = 1,
    Endpoint = 2,
}
