using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.AspNetCore.Headers;

/// <summary>The security headers added to every response (OWASP HTTP Headers and REST Security cheat sheets).</summary>
/// <remarks><c>X-XSS-Protection</c> is never sent: current guidance is to omit it and rely on the content security policy.</remarks>
public sealed class SecurityHeadersOptions
{
    /// <summary>Gets or sets the <c>Content-Security-Policy</c> value.</summary>
    /// <value>Default <c>default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'</c>, the policy for a JSON API; 1 to 4,096 characters.</value>
    [Required]
    [StringLength(4_096, MinimumLength = 1)]
    public string ContentSecurityPolicy { get; set; } = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Gets or sets the <c>X-Frame-Options</c> value, kept for browsers without <c>frame-ancestors</c>.</summary>
    /// <value>Default <c>DENY</c>; <c>DENY</c> or <c>SAMEORIGIN</c>.</value>
    [Required]
    [RegularExpression("^(DENY|SAMEORIGIN)$")]
    public string FrameOptions { get; set; } = "DENY";

    /// <summary>Gets or sets the <c>Referrer-Policy</c> value.</summary>
    /// <value>Default <c>no-referrer</c>.</value>
    [Required]
    [RegularExpression("^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin|no-referrer-when-downgrade|origin|origin-when-cross-origin)$")]
    public string ReferrerPolicy { get; set; } = "no-referrer";

    /// <summary>Gets or sets the <c>Permissions-Policy</c> value.</summary>
    /// <value>Default denies camera, microphone, geolocation, payment and USB (not the retired <c>interest-cohort</c>, which browsers now report as an unrecognised feature); 1 to 2,048 characters.</value>
    [Required]
    [StringLength(2_048, MinimumLength = 1)]
    public string PermissionsPolicy { get; set; } = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>Gets or sets the HSTS <c>max-age</c>; HSTS is sent on HTTPS responses only (RFC 6797 section 7.2).</summary>
    /// <value>Default one year (the OWASP recommendation); 0 turns HSTS off; at most two years.</value>
    [Range(typeof(TimeSpan), "00:00:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Gets or sets a value indicating whether HSTS covers subdomains.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool HstsIncludeSubDomains { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether responses carry <c>Cache-Control: no-store</c> unless the endpoint set its own.</summary>
    /// <value>Default <see langword="true"/>: API responses hold orders, positions and principals.</value>
    public bool NoStore { get; set; } = true;
}
