namespace TradingRl.Security.AspNetCore.Tests;

internal static class SecurityHeaderAssertions
{
    public static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", Single(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=(), payment=(), usb=()", Single(response, "Permissions-Policy"));
        Assert.False(response.Headers.Contains("X-XSS-Protection"));
        // Plain HTTP on loopback: HSTS is only meaningful (and only honoured) over HTTPS, RFC 6797 section 7.2.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    public static string Single(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return Assert.Single(values);
        }

        throw new Xunit.Sdk.XunitException($"Header {name} is missing (status {(int)response.StatusCode}).");
    }
}
