using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using TradingRl.Security.AspNetCore.Headers;
using TradingRl.Security.AspNetCore.RateLimiting;
using TradingRl.Security.AspNetCore.Validation;

namespace TradingRl.Security.AspNetCore;

/// <summary>Settings of the ASP.NET Core API security layer.</summary>
public sealed class TradingApiOptions
{
    /// <summary>Gets or sets the largest request body accepted, in bytes; larger requests get 413.</summary>
    /// <value>Default 32,768 (32 KiB); 1,024 to 10,485,760.</value>
    [Range(1_024, 10_485_760)]
    public long MaxRequestBodyBytes { get; set; } = 32_768;

    /// <summary>Gets the security-header settings.</summary>
    [ValidateObjectMembers]
    public SecurityHeadersOptions Headers { get; } = new();

    /// <summary>Gets the rate-limit settings.</summary>
    [ValidateObjectMembers]
    public TradingRateLimitOptions RateLimits { get; } = new();

    /// <summary>Gets the order-request schema limits.</summary>
    [ValidateObjectMembers]
    public OrderSchemaOptions Orders { get; } = new();

    /// <summary>Gets or sets a value indicating whether every request is recorded as an <c>api.request</c> security event.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool AuditRequests { get; set; } = true;
}
