using System.Text;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Tests.Tokens;

/// <summary>Crafted tokens covering every attack class of RFC 8725 section 2, and the RFC 7515/7519 MUSTs IdentityModel leaves loose.</summary>
public sealed class MustRejectTokenTests
{
    [Theory]
    // RFC 8725 2.1: weak signatures and the "none" algorithm.
    [InlineData("alg-none-empty-signature", TokenRejectionReason.Malformed)]
    [InlineData("alg-none-with-signature", TokenRejectionReason.UnsupportedAlgorithm)]
    [InlineData("alg-None-mixed-case", TokenRejectionReason.UnsupportedAlgorithm)]
    [InlineData("alg-missing", TokenRejectionReason.UnsupportedAlgorithm)]
    [InlineData("alg-RS256-unsupported", TokenRejectionReason.UnsupportedAlgorithm)]
    [InlineData("alg-lowercase-es256", TokenRejectionReason.UnsupportedAlgorithm)]
    [InlineData("alg-not-a-string", TokenRejectionReason.Malformed)]
    // RFC 8725 2.1 / 3.1: key confusion (HS256 with the public key as the secret, or an alg not bound to the kid).
    [InlineData("key-confusion-hs256-with-public-key", TokenRejectionReason.KeyAlgorithmMismatch)]
    [InlineData("alg-eddsa-for-es256-key", TokenRejectionReason.KeyAlgorithmMismatch)]
    // kid tricks.
    [InlineData("kid-missing", TokenRejectionReason.UnknownKey)]
    [InlineData("kid-unknown", TokenRejectionReason.UnknownKey)]
    [InlineData("kid-path-traversal", TokenRejectionReason.UnknownKey)]
    [InlineData("kid-sql", TokenRejectionReason.UnknownKey)]
    [InlineData("kid-number", TokenRejectionReason.Malformed)]
    [InlineData("kid-huge", TokenRejectionReason.UnknownKey)]
    // Embedded or remote keys.
    [InlineData("embedded-jwk", TokenRejectionReason.EmbeddedKey)]
    [InlineData("remote-jku", TokenRejectionReason.EmbeddedKey)]
    [InlineData("remote-x5u", TokenRejectionReason.EmbeddedKey)]
    [InlineData("embedded-x5c", TokenRejectionReason.EmbeddedKey)]
    // Header parameters that must be understood.
    [InlineData("crit-present", TokenRejectionReason.UnsupportedHeader)]
    [InlineData("zip-present", TokenRejectionReason.UnsupportedHeader)]
    [InlineData("cty-nested-jwt", TokenRejectionReason.UnsupportedHeader)]
    // RFC 8725 2.8 / 3.11: substitution of another kind of token.
    [InlineData("typ-JWT-id-token", TokenRejectionReason.WrongType)]
    [InlineData("typ-missing", TokenRejectionReason.WrongType)]
    [InlineData("typ-refresh", TokenRejectionReason.WrongType)]
    [InlineData("jwe-five-segments", TokenRejectionReason.Malformed)]
    // Time.
    [InlineData("expired", TokenRejectionReason.Expired)]
    [InlineData("exp-missing", TokenRejectionReason.InvalidClaims)]
    [InlineData("exp-string", TokenRejectionReason.InvalidClaims)]
    [InlineData("not-yet-valid", TokenRejectionReason.NotYetValid)]
    [InlineData("issued-in-future", TokenRejectionReason.NotYetValid)]
    [InlineData("lifetime-too-long", TokenRejectionReason.LifetimeTooLong)]
    // RFC 8725 2.6 / 3.8-3.9: wrong issuer or audience.
    [InlineData("wrong-issuer", TokenRejectionReason.WrongIssuer)]
    [InlineData("wrong-audience", TokenRejectionReason.WrongAudience)]
    [InlineData("audience-array-without-ours", TokenRejectionReason.WrongAudience)]
    [InlineData("issuer-number", TokenRejectionReason.InvalidClaims)]
    // Claims of the wrong JSON type or missing.
    [InlineData("sub-missing", TokenRejectionReason.InvalidClaims)]
    [InlineData("sub-number", TokenRejectionReason.InvalidClaims)]
    [InlineData("sub-null", TokenRejectionReason.InvalidClaims)]
    [InlineData("sid-missing", TokenRejectionReason.InvalidClaims)]
    [InlineData("roles-string-not-array", TokenRejectionReason.InvalidClaims)]
    [InlineData("roles-with-number", TokenRejectionReason.InvalidClaims)]
    // RFC 7515 / 8259: members that appear twice.
    [InlineData("duplicate-alg", TokenRejectionReason.Malformed)]
    [InlineData("duplicate-sub", TokenRejectionReason.Malformed)]
    [InlineData("duplicate-sub-escaped", TokenRejectionReason.Malformed)]
    [InlineData("duplicate-unknown-claim", TokenRejectionReason.Malformed)]
    // Encodings that are not canonical.
    [InlineData("base64-padding", TokenRejectionReason.Malformed)]
    [InlineData("base64-standard-alphabet", TokenRejectionReason.Malformed)]
    [InlineData("base64-nonzero-trailing-bits", TokenRejectionReason.Malformed)]
    [InlineData("base64-whitespace", TokenRejectionReason.Malformed)]
    [InlineData("non-ascii", TokenRejectionReason.Malformed)]
    [InlineData("header-array", TokenRejectionReason.Malformed)]
    [InlineData("header-trailing-garbage", TokenRejectionReason.Malformed)]
    [InlineData("payload-not-json", TokenRejectionReason.Malformed)]
    // Signatures.
    [InlineData("signature-tampered", TokenRejectionReason.InvalidSignature)]
    [InlineData("payload-tampered", TokenRejectionReason.InvalidSignature)]
    [InlineData("es256-der-signature", TokenRejectionReason.InvalidSignature)]
    [InlineData("signature-truncated", TokenRejectionReason.InvalidSignature)]
    // Size and shape.
    [InlineData("oversized", TokenRejectionReason.Oversized)]
    [InlineData("empty", TokenRejectionReason.Malformed)]
    [InlineData("two-segments", TokenRejectionReason.Malformed)]
    [InlineData("empty-signature", TokenRejectionReason.Malformed)]
    public async Task ValidateAsync_CraftedToken_Refused(string name, TokenRejectionReason expected)
    {
        using var f = new TokenFixture();
        var token = Build(f, name);
        var result = await f.Validator.ValidateAsync(token);
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Reason);
    }

    [Fact]
    public async Task ValidateAsync_BaselineCraftedToken_Accepted()
    {
        using var f = new TokenFixture();
        Assert.True((await f.Validator.ValidateAsync(f.Craft(f.Header(), f.Claims()))).IsValid);
    }

    [Fact]
    public async Task ValidateAsync_Hs256RingAndEs256Alg_KeyAlgorithmMismatch()
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        Assert.Equal(TokenRejectionReason.KeyAlgorithmMismatch, (await f.Validator.ValidateAsync(f.Craft(f.Header(alg: "ES256"), f.Claims()))).Reason);
    }

    [Fact]
    public async Task ValidateAsync_ExpiryBoundary_SkewOf30SecondsExactly()
    {
        using var f = new TokenFixture();
        var token = f.Craft(f.Header(), f.Claims(iat: f.Now - 60, exp: f.Now - 30));
        Assert.True((await f.Validator.ValidateAsync(token)).IsValid);
        using var g = new TokenFixture();
        Assert.Equal(TokenRejectionReason.Expired, (await g.Validator.ValidateAsync(g.Craft(g.Header(), g.Claims(iat: g.Now - 60, exp: g.Now - 31)))).Reason);
    }

    private static string Build(TokenFixture f, string name)
    {
        var h = f.Header();
        var c = f.Claims();
        var kid = f.Ring.Current.Kid;
        var now = f.Now;
        string Claims(string replace, string with) => c.Replace(replace, with, StringComparison.Ordinal);
        string Header(string json) => f.Craft(json, c);
        var good = f.Craft(h, c);
        var parts = good.Split('.');
        return name switch
        {
            "alg-none-empty-signature" => TokenFixture.B64($$"""{"alg":"none","typ":"at+jwt","kid":"{{kid}}"}""") + "." + TokenFixture.B64(c) + ".",
            "alg-none-with-signature" => Header($$"""{"alg":"none","typ":"at+jwt","kid":"{{kid}}"}"""),
            "alg-None-mixed-case" => Header($$"""{"alg":"nOnE","typ":"at+jwt","kid":"{{kid}}"}"""),
            "alg-missing" => Header($$"""{"typ":"at+jwt","kid":"{{kid}}"}"""),
            "alg-RS256-unsupported" => Header(f.Header(alg: "RS256")),
            "alg-lowercase-es256" => Header(f.Header(alg: "es256")),
            "alg-not-a-string" => Header($$"""{"alg":["ES256"],"typ":"at+jwt","kid":"{{kid}}"}"""),
            "key-confusion-hs256-with-public-key" => HmacWithPublicKey(f, c),
            "alg-eddsa-for-es256-key" => Header(f.Header(alg: "EdDSA")),
            "kid-missing" => Header("""{"alg":"ES256","typ":"at+jwt"}"""),
            "kid-unknown" => Header(f.Header(kid: "not-a-key")),
            "kid-path-traversal" => Header(f.Header(kid: "../../../../dev/null")),
            "kid-sql" => Header(f.Header(kid: "x' UNION SELECT 'secret")),
            "kid-number" => Header("""{"alg":"ES256","typ":"at+jwt","kid":1}"""),
            "kid-huge" => Header(f.Header(kid: new string('k', 2000))),
            "embedded-jwk" => Header($$$"""{"alg":"ES256","typ":"at+jwt","kid":"{{{kid}}}","jwk":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}}"""),
            "remote-jku" => Header($$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}","jku":"https://attacker.example/jwks"}"""),
            "remote-x5u" => Header($$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}","x5u":"https://attacker.example/cert"}"""),
            "embedded-x5c" => Header($$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}","x5c":["MIIB"]}"""),
            "crit-present" => Header($$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}","crit":["exp"],"exp":1}"""),
            "zip-present" => Header($$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}","zip":"DEF"}"""),
            "cty-nested-jwt" => Header($$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}","cty":"JWT"}"""),
            "typ-JWT-id-token" => Header($$"""{"alg":"ES256","typ":"JWT","kid":"{{kid}}"}"""),
            "typ-missing" => Header($$"""{"alg":"ES256","kid":"{{kid}}"}"""),
            "typ-refresh" => Header($$"""{"alg":"ES256","typ":"rt+jwt","kid":"{{kid}}"}"""),
            "jwe-five-segments" => "eyJhbGciOiJSU0EtT0FFUCJ9.AA.AA.AA.AA",
            "expired" => f.Craft(h, f.Claims(iat: now - 1000, exp: now - 31)),
            "exp-missing" => f.Craft(h, Claims($",\"exp\":{now + 900}", string.Empty)),
            "exp-string" => f.Craft(h, Claims($"\"exp\":{now + 900}", $"\"exp\":\"{now + 900}\"")),
            "not-yet-valid" => f.Craft(h, Claims($"\"nbf\":{now}", $"\"nbf\":{now + 31}")),
            "issued-in-future" => f.Craft(h, f.Claims(iat: now + 31, exp: now + 600)),
            "lifetime-too-long" => f.Craft(h, f.Claims(iat: now, exp: now + 3601)),
            "wrong-issuer" => f.Craft(h, f.Claims(iss: "evil-gateway")),
            "wrong-audience" => f.Craft(h, f.Claims(aud: "other-api")),
            "audience-array-without-ours" => f.Craft(h, Claims("\"aud\":\"trading-api\"", "\"aud\":[\"a\",\"b\"]")),
            "issuer-number" => f.Craft(h, Claims("\"iss\":\"desk-gateway\"", "\"iss\":7")),
            "sub-missing" => f.Craft(h, Claims("\"sub\":\"alice\",", string.Empty)),
            "sub-number" => f.Craft(h, Claims("\"sub\":\"alice\"", "\"sub\":42")),
            "sub-null" => f.Craft(h, Claims("\"sub\":\"alice\"", "\"sub\":null")),
            "sid-missing" => f.Craft(h, Claims("\"sid\":\"s-1\",", string.Empty)),
            "roles-string-not-array" => f.Craft(h, Claims("\"roles\":[\"trader\"]", "\"roles\":\"admin\"")),
            "roles-with-number" => f.Craft(h, Claims("\"roles\":[\"trader\"]", "\"roles\":[\"trader\",1]")),
            "duplicate-alg" => Header($$"""{"alg":"ES256","typ":"at+jwt","kid":"{{kid}}","alg":"ES256"}"""),
            "duplicate-sub" => f.Craft(h, Claims("\"sub\":\"alice\"", "\"sub\":\"alice\",\"sub\":\"admin\"")),
            "duplicate-sub-escaped" => f.Craft(h, Claims("\"sub\":\"alice\"", "\"sub\":\"alice\",\"s\\u0075b\":\"admin\"")),
            "duplicate-unknown-claim" => f.Craft(h, Claims("\"sub\":\"alice\"", "\"sub\":\"alice\",\"x\":1,\"x\":2")),
            "base64-padding" => parts[0] + "=." + parts[1] + "." + parts[2],
            "base64-standard-alphabet" => parts[0] + "." + parts[1] + "." + parts[2].Replace('-', '+').Replace('_', '/') + (parts[2].Contains('-') || parts[2].Contains('_') ? string.Empty : "+A"),
            "base64-nonzero-trailing-bits" => NonCanonical(f, h, c),
            "base64-whitespace" => parts[0] + "." + parts[1][..10] + " " + parts[1][10..] + "." + parts[2],
            "non-ascii" => parts[0] + "." + parts[1] + "é." + parts[2],
            "header-array" => f.Craft("""["alg","ES256"]""", c),
            "header-trailing-garbage" => f.Craft(h + "{}", c),
            "payload-not-json" => f.Craft(h, "not json"),
            "signature-tampered" => parts[0] + "." + parts[1] + "." + Flip(parts[2]),
            "payload-tampered" => parts[0] + "." + TokenFixture.B64(Claims("\"roles\":[\"trader\"]", "\"roles\":[\"admin\"]")) + "." + parts[2],
            "es256-der-signature" => DerSignature(f, h, c),
            "signature-truncated" => parts[0] + "." + parts[1] + "." + parts[2][..40],
            "oversized" => parts[0] + "." + TokenFixture.B64(Claims("\"jti\":\"j1\"", "\"jti\":\"" + new string('j', 9000) + "\"")) + "." + parts[2],
            "empty" => string.Empty,
            "two-segments" => parts[0] + "." + parts[1],
            "empty-signature" => parts[0] + "." + parts[1] + ".",
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case."),
        };
    }

    private static string Flip(string s) => (s[0] == 'A' ? "B" : "A") + s[1..];

    private static string HmacWithPublicKey(TokenFixture f, string claims)
    {
        // The attacker takes the published ES256 key and uses its bytes as an HMAC secret.
        var jwks = f.Ring.ExportJwks();
        var header = f.Header(alg: "HS256");
        var input = TokenFixture.B64(header) + "." + TokenFixture.B64(claims);
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwks), Encoding.ASCII.GetBytes(input));
        return input + "." + SigningKey.Base64UrlEncode(mac);
    }

    private static string NonCanonical(TokenFixture f, string header, string claims)
    {
        // A 64-byte signature is 86 base64url chars; the last char carries 2 unused bits. Set one: same bytes, other text.
        var token = f.Craft(header, claims);
        var last = token[^1];
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var v = alphabet.IndexOf(last, StringComparison.Ordinal);
        return token[..^1] + alphabet[v | 1];
    }

    private static string DerSignature(TokenFixture f, string header, string claims)
    {
        var input = TokenFixture.B64(header) + "." + TokenFixture.B64(claims);
        var p1363 = f.Ring.Current.Sign(Encoding.ASCII.GetBytes(input));
        var der = ToDer(p1363);
        return input + "." + SigningKey.Base64UrlEncode(der);
    }

    private static byte[] ToDer(byte[] p1363)
    {
        static byte[] Int(ReadOnlySpan<byte> v)
        {
            v = v.TrimStart((byte)0);
            var pad = v.Length > 0 && v[0] >= 0x80;
            var body = pad ? [0, .. v] : v.ToArray();
            return [0x02, (byte)body.Length, .. body];
        }

        byte[] seq = [.. Int(p1363.AsSpan(0, 32)), .. Int(p1363.AsSpan(32))];
        return [0x30, (byte)seq.Length, .. seq];
    }
}
