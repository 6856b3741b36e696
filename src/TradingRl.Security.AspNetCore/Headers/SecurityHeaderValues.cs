using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace TradingRl.Security.AspNetCore.Headers;

/// <summary>The header values computed once from <see cref="SecurityHeadersOptions"/>.</summary>
internal sealed class SecurityHeaderValues
{
    public SecurityHeaderValues(SecurityHeadersOptions o)
    {
        ContentSecurityPolicy = o.ContentSecurityPolicy;
        FrameOptions = o.FrameOptions;
        ReferrerPolicy = o.ReferrerPolicy;
        PermissionsPolicy = o.PermissionsPolicy;
        NoStore = o.NoStore;
        Hsts = o.HstsMaxAge <= TimeSpan.Zero
            ? StringValues.Empty
            : new StringValues("max-age=" + ((long)o.HstsMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture) + (o.HstsIncludeSubDomains ? "; includeSubDomains" : string.Empty));
    }

    public StringValues ContentSecurityPolicy { get; }

    public StringValues FrameOptions { get; }

    public StringValues ReferrerPolicy { get; }

    public StringValues PermissionsPolicy { get; }

    public StringValues Hsts { get; }

    public bool NoStore { get; }
}
