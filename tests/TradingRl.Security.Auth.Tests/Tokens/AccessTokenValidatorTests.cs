using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Tests.Tokens;

public sealed class AccessTokenValidatorTests
{
    public static TheoryData<SigningAlgorithm> Algorithms => [SigningAlgorithm.ES256, SigningAlgorithm.HS256, SigningAlgorithm.EdDSA];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task ValidateAsync_IssuedToken_AcceptedWithPrincipal(SigningAlgorithm algorithm)
    {
        using var f = new TokenFixture(algorithm);
        var issued = f.Issuer.Issue(TokenFixture.Request());
        var result = await f.Validator.ValidateAsync(issued.Token);

        Assert.True(result.IsValid, result.Reason.ToString());
        Assert.Equal("alice", result.Principal.Subject);
        Assert.Equal("s-1", result.Principal.SessionId);
        Assert.Equal(["trader"], result.Principal.Roles);
        Assert.Equal(["pwd", "otp"], result.Principal.AuthenticationMethods);
        Assert.True(result.Principal.HasMultiFactor);
        Assert.Equal(TokenFixture.Start, result.Principal.AuthenticatedAt);
        Assert.True(result.Principal.Permissions.IsEmpty);
        Assert.Equal(TokenFixture.Start.AddMinutes(15), result.ExpiresAt);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Issue_Header_IsTypedAndNamesKey(SigningAlgorithm algorithm)
    {
        using var f = new TokenFixture(algorithm);
        var token = f.Issuer.Issue(TokenFixture.Request()).Token;
        using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0]));
        Assert.Equal("at+jwt", header.RootElement.GetProperty("typ").GetString());
        Assert.Equal(f.Ring.Current.Kid, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(new[] { "ES256", "HS256", "EdDSA" }[(int)algorithm], header.RootElement.GetProperty("alg").GetString());
        using var claims = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]));
        foreach (var name in new[] { "iss", "aud", "sub", "jti", "iat", "nbf", "exp", "sid", "amr", "auth_time", "roles" })
        {
            Assert.True(claims.RootElement.TryGetProperty(name, out _), name);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Interop_OurToken_ValidatesInJsonWebTokenHandler(SigningAlgorithm algorithm)
    {
        using var f = new TokenFixture(algorithm);
        var token = f.Issuer.Issue(TokenFixture.Request()).Token;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "desk-gateway",
            ValidAudience = "trading-api",
            IssuerSigningKey = f.Ring.Current.SecurityKey,
            ValidTypes = ["at+jwt"],
            LifetimeValidator = (nbf, exp, _, _) => exp > f.Time.GetUtcNow().UtcDateTime,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("alice", result.ClaimsIdentity.FindFirst("sub")?.Value ?? result.ClaimsIdentity.Name ?? result.Claims["sub"].ToString());
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Interop_JsonWebTokenHandlerToken_ValidatesInOurs(SigningAlgorithm algorithm)
    {
        using var f = new TokenFixture(algorithm);
        var now = f.Time.GetUtcNow().UtcDateTime;
        var key = f.Ring.Current;
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = "desk-gateway",
            Audience = "trading-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key.SecurityKey, SigningKey.AlgorithmName(key.Algorithm)),
            Claims = new Dictionary<string, object> { ["sub"] = "bob", ["sid"] = "s-9", ["jti"] = "x", ["roles"] = new[] { "analyst" } },
        });
        var result = await f.Validator.ValidateAsync(token);
        Assert.True(result.IsValid, result.Reason.ToString());
        Assert.Equal("bob", result.Principal.Subject);
        Assert.Equal(["analyst"], result.Principal.Roles);
    }

    [Fact]
    public async Task ValidateAsync_SignedByPreviousKeyAfterRotation_AcceptedUntilOverlapEnds()
    {
        using var f = new TokenFixture();
        var oldToken = f.Issuer.Issue(TokenFixture.Request()).Token;
        var oldKid = f.Ring.Current.Kid;
        f.Ring.Rotate();
        Assert.NotEqual(oldKid, f.Ring.Current.Kid);
        Assert.True((await f.Validator.ValidateAsync(oldToken)).IsValid);
        Assert.Contains(oldKid, f.Ring.KeyIds);

        // Past max lifetime + skew after retirement, the old key no longer verifies (its tokens have all expired anyway).
        f.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(31));
        var crafted = f.Craft(f.Header(kid: oldKid), f.Claims());
        f.Ring.Rotate();
        Assert.DoesNotContain(oldKid, f.Ring.KeyIds);
        Assert.Equal(TokenRejectionReason.UnknownKey, (await f.Validator.ValidateAsync(crafted)).Reason);
    }

    [Fact]
    public void Current_AfterRotationInterval_RotatesAutomatically()
    {
        using var f = new TokenFixture();
        var first = f.Ring.Current.Kid;
        f.Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(first, f.Ring.Current.Kid);
        f.Time.Advance(TimeSpan.FromDays(1));
        Assert.NotEqual(first, f.Ring.Current.Kid);
        Assert.Equal(2, f.Ring.KeyIds.Count);
    }

    [Theory]
    [InlineData(SigningAlgorithm.ES256, "EC")]
    [InlineData(SigningAlgorithm.EdDSA, "OKP")]
    public void ExportJwks_AsymmetricKeys_PublicPartsOnly(SigningAlgorithm algorithm, string kty)
    {
        using var f = new TokenFixture(algorithm);
        f.Ring.Rotate();
        using var jwks = JsonDocument.Parse(f.Ring.ExportJwks());
        var keys = jwks.RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        foreach (var k in keys)
        {
            Assert.Equal(kty, k.GetProperty("kty").GetString());
            Assert.False(k.TryGetProperty("d", out _));
            Assert.Equal("sig", k.GetProperty("use").GetString());
        }

        var jwk = new JsonWebKey(keys[0].GetRawText());
        Assert.Equal(f.Ring.Current.Kid, jwk.Kid);
    }

    [Fact]
    public void ExportJwks_Hs256_ExportsNoKeys()
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        Assert.Equal("""{"keys":[]}""", f.Ring.ExportJwks());
    }

    [Fact]
    public void FromHmacSecret_ShorterThan256Bits_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => SigningKey.FromHmacSecret("k1", new byte[31], TokenFixture.Start));
        Assert.Contains("256 bits", ex.Message, StringComparison.Ordinal);
        using var ok = SigningKey.FromHmacSecret("k1", new byte[32], TokenFixture.Start);
        Assert.Equal(SigningAlgorithm.HS256, ok.Algorithm);
        Assert.Throws<ArgumentException>(() => SigningKey.FromHmacSecret("../etc/passwd", new byte[32], TokenFixture.Start));
    }

    [Fact]
    public void FromECDsa_NotP256_Refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<ArgumentException>(() => SigningKey.FromECDsa("k1", p384, TokenFixture.Start));
    }

    [Fact]
    public async Task ValidateAsync_SessionRevokedAfterCaching_Revoked()
    {
        using var f = new TokenFixture();
        var token = f.Issuer.Issue(TokenFixture.Request()).Token;
        Assert.True((await f.Validator.ValidateAsync(token)).IsValid);
        Assert.True((await f.Validator.ValidateAsync(token)).IsValid);
        f.Revocation.RevokedSessions["s-1"] = true;
        Assert.Equal(TokenRejectionReason.Revoked, (await f.Validator.ValidateAsync(token)).Reason);
        Assert.Equal(3, f.Revocation.Calls);
    }

    [Fact]
    public async Task ValidateAsync_Slice_CachedOrNot_ChecksRevocationAndExpiryEveryTime()
    {
        using var f = new TokenFixture();
        var token = f.Issuer.Issue(TokenFixture.Request()).Token;
        var header = ("Bearer " + token).AsMemory(7);

        var first = await f.Validator.ValidateTokenAsync(header);
        var cached = await f.Validator.ValidateTokenAsync(header);
        var tampered = await f.Validator.ValidateTokenAsync(("Bearer " + token[..^2] + "AA").AsMemory(7));
        f.Revocation.RevokedSessions["s-1"] = true;
        var revoked = await f.Validator.ValidateTokenAsync(header);

        Assert.True(first.IsValid);
        Assert.Equal("alice", cached.Principal!.Subject);
        Assert.Equal(TokenRejectionReason.InvalidSignature, tampered.Reason);
        Assert.Equal(TokenRejectionReason.Revoked, revoked.Reason);
        Assert.Equal(3, f.Revocation.Calls);
    }

    [Fact]
    public async Task ValidateAsync_TokenSharingACachedTokensTailAndLength_IsNotTakenFromTheCache()
    {
        // The cache hashes a token's tail only (its signature); equality is still the whole text, so a token that
        // differs before the tail lands in the same bucket and is validated in full, and refused.
        using var f = new TokenFixture();
        var token = f.Issuer.Issue(TokenFixture.Request()).Token;
        Assert.True((await f.Validator.ValidateAsync(token)).IsValid);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var forged = token[..(dot + 1)] + (token[dot + 1] == 'A' ? 'B' : 'A') + token[(dot + 2)..];

        Assert.Equal(token.Length, forged.Length);
        Assert.Equal(token[^32..], forged[^32..]);
        Assert.False((await f.Validator.ValidateAsync(forged)).IsValid);
        Assert.False((await f.Validator.ValidateTokenAsync(("Bearer " + forged).AsMemory(7))).IsValid);
        Assert.True((await f.Validator.ValidateTokenAsync(("Bearer " + token).AsMemory(7))).IsValid);
    }

    [Fact]
    public async Task ValidateAsync_SliceOfCachedTokenPastExpiry_Expired()
    {
        using var f = new TokenFixture();
        var token = f.Issuer.Issue(TokenFixture.Request()).Token;
        Assert.True((await f.Validator.ValidateTokenAsync(token.AsMemory())).IsValid);
        f.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(31));

        Assert.Equal(TokenRejectionReason.Expired, (await f.Validator.ValidateTokenAsync(token.AsMemory())).Reason);
        Assert.Equal(TokenRejectionReason.Expired, (await f.Validator.ValidateAsync(token)).Reason);
    }

    [Fact]
    public async Task ValidateAsync_IssuedBeforePasswordChange_Revoked_NewTokenAccepted()
    {
        using var f = new TokenFixture();
        var before = f.Issuer.Issue(TokenFixture.Request()).Token;
        f.Time.Advance(TimeSpan.FromSeconds(5));
        f.Revocation.CredentialsChangedAt["alice"] = f.Time.GetUtcNow();
        Assert.Equal(TokenRejectionReason.Revoked, (await f.Validator.ValidateAsync(before)).Reason);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await f.Validator.ValidateAsync(f.Issuer.Issue(TokenFixture.Request()).Token)).IsValid);
    }

    [Fact]
    public async Task ValidateAsync_CachedTokenPastExpiry_Expired()
    {
        using var f = new TokenFixture();
        var token = f.Issuer.Issue(TokenFixture.Request()).Token;
        Assert.True((await f.Validator.ValidateAsync(token)).IsValid);
        f.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30));
        Assert.True((await f.Validator.ValidateAsync(token)).IsValid);
        f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenRejectionReason.Expired, (await f.Validator.ValidateAsync(token)).Reason);
    }

    [Fact]
    public async Task ValidateAsync_CacheFull_StillValidatesEveryToken()
    {
        using var f = new TokenFixture(configure: o => o.AccessTokens.ValidatedTokenCacheSize = 2);
        var tokens = Enumerable.Range(0, 5).Select(i => f.Issuer.Issue(TokenFixture.Request(session: "s-" + i)).Token).ToList();
        foreach (var t in tokens.Concat(tokens))
        {
            Assert.True((await f.Validator.ValidateAsync(t)).IsValid);
        }
    }

    [Fact]
    public async Task ValidateAsync_Null_Throws()
    {
        using var f = new TokenFixture();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await f.Validator.ValidateAsync(null!));
    }

    [Fact]
    public async Task ValidateAsync_ConcurrentValidations_AllAccepted()
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        var token = f.Issuer.Issue(TokenFixture.Request()).Token;
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await f.Validator.ValidateAsync(token))));
        Assert.All(results, r => Assert.True(r.IsValid));
    }

    [Fact]
    public async Task ValidateAsync_WithPermissionResolver_FillsPermissions()
    {
        var f = new TokenFixture();
        using var _ = f;
        var validator = new AccessTokenValidator(f.Options, f.Ring, f.Revocation, f.Time, new FixedResolver());
        var result = await validator.ValidateAsync(f.Issuer.Issue(TokenFixture.Request()).Token);
        Assert.True(result.Principal!.HasPermission(Permissions.PlaceOrder));
    }

    private sealed class FixedResolver : IPermissionResolver
    {
        public PermissionSet Resolve(IReadOnlyList<string> roles) => roles.Contains("trader") ? PermissionSet.Of(Permissions.PlaceOrder) : PermissionSet.Empty;
    }

    [Fact]
    public void Issue_BadRequest_Throws()
    {
        using var f = new TokenFixture();
        Assert.Throws<ArgumentNullException>(() => f.Issuer.Issue(null!));
        Assert.Throws<ArgumentException>(() => f.Issuer.Issue(TokenFixture.Request(subject: " ")));
        Assert.Throws<ArgumentException>(() => f.Issuer.Issue(TokenFixture.Request(session: new string('s', 300))));
    }

    [Fact]
    public async Task ValidateAsync_Rejection_PublishesTokenRejectedEvent()
    {
        using var f = new TokenFixture();
        var events = new RecordingPublisher();
        var validator = new AccessTokenValidator(f.Options, f.Ring, f.Revocation, f.Time, events: events);
        await validator.ValidateAsync("a.b.c");
        var e = Assert.Single(events.Events);
        Assert.Equal("auth.token.rejected", e.Type);
        Assert.Equal("Malformed", e.GetProperty("reason"));
    }

    internal sealed class RecordingPublisher : Events.ISecurityEventPublisher
    {
        public List<Events.SecurityEvent> Events { get; } = [];

        public ValueTask PublishAsync(Events.SecurityEvent securityEvent, CancellationToken cancellationToken = default)
        {
            lock (Events)
            {
                Events.Add(securityEvent);
            }

            return ValueTask.CompletedTask;
        }

        public void Publish(Events.SecurityEvent securityEvent) => PublishAsync(securityEvent).AsTask().GetAwaiter().GetResult();
    }

    internal static string Utf8(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));
}
