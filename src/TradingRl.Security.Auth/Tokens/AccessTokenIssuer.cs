using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>Issues signed access tokens (RFC 9068 <c>at+jwt</c>) with Microsoft.IdentityModel and the ring's current key.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class AccessTokenIssuer
{
    private readonly AuthOptions _options;
    private readonly SigningKeyRing _ring;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Initializes an issuer.</summary>
    /// <param name="options">The Auth settings (issuer, audience, lifetime).</param>
    /// <param name="ring">The signing keys.</param>
    /// <param name="timeProvider">The clock.</param>
    public AccessTokenIssuer(AuthOptions options, SigningKeyRing ring, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _ring = ring;
        _time = timeProvider;
    }

    /// <summary>Issues a token for a subject's session.</summary>
    /// <param name="request">The subject, session, roles and authentication facts.</param>
    /// <returns>The signed token.</returns>
    /// <exception cref="ArgumentException">A name in the request is empty, blank or longer than 256 characters.</exception>
    public IssuedAccessToken Issue(AccessTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckName(request.Subject, nameof(request.Subject));
        CheckName(request.SessionId, nameof(request.SessionId));
        ArgumentNullException.ThrowIfNull(request.Roles);
        ArgumentNullException.ThrowIfNull(request.AuthenticationMethods);
        foreach (var r in request.Roles)
        {
            CheckName(r, nameof(request.Roles));
        }

        foreach (var m in request.AuthenticationMethods)
        {
            CheckName(m, nameof(request.AuthenticationMethods));
        }

        var key = _ring.Current;

        // JWT times are whole seconds: truncate once so iat, nbf and exp agree with what a validator reads back.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + _options.AccessTokens.Lifetime;
        var jti = SigningKey.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.SecurityKey, key.JwsAlgorithm),
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sub"] = request.Subject,
                ["jti"] = jti,
                ["sid"] = request.SessionId,
                ["auth_time"] = request.AuthenticatedAt.ToUnixTimeSeconds(),
                ["amr"] = request.AuthenticationMethods.ToArray(),
                ["roles"] = request.Roles.ToArray(),
            },
        };
        return new IssuedAccessToken(_handler.CreateToken(descriptor), jti, key.Kid, expires);
    }

    private static void CheckName(string? value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length is 0 or > SecurityPrincipal.MaxNameLength || string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} must be 1 to {SecurityPrincipal.MaxNameLength} characters and not blank.", name);
        }
    }
}
