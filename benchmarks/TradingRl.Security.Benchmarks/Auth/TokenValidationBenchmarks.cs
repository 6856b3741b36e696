using System.IdentityModel.Tokens.Jwt;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Benchmarks.Auth;

/// <summary>Access-token validation: ours (full and cached) beside JsonWebTokenHandler, JwtSecurityTokenHandler and the bare signature check.</summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private SigningKeyRing _ring = null!;
    private AccessTokenValidator _uncached = null!;
    private AccessTokenValidator _cached = null!;
    private JsonWebTokenHandler _jwt = null!;
    private JwtSecurityTokenHandler _legacy = null!;
    private TokenValidationParameters _parameters = null!;
    private string _token = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private SigningKey _key = null!;

    [Params(SigningAlgorithm.HS256, SigningAlgorithm.ES256, SigningAlgorithm.EdDSA)]
    public SigningAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var time = TimeProvider.System;
        var options = new AuthOptions { Issuer = "desk-gateway", Audience = "trading-api" };
        options.AccessTokens.Algorithm = Algorithm;
        _ring = new SigningKeyRing(options.AccessTokens, time);
        var sessions = new InMemorySessionStore();
        var users = new InMemoryUserStore();
        var now = time.GetUtcNow();
        users.TryAddAsync(new UserAccount("u1", "alice", "x", ["trader"], now.AddHours(-1))).AsTask().GetAwaiter().GetResult();
        sessions.AddAsync(new SessionRecord("s1", "u1", now, now, now.AddHours(12))).AsTask().GetAwaiter().GetResult();
        var revocation = new SessionTokenRevocation(sessions, users, options.Sessions, time);
        _cached = new AccessTokenValidator(options, _ring, revocation, time);
        var uncachedOptions = new AuthOptions { Issuer = "desk-gateway", Audience = "trading-api" };
        uncachedOptions.AccessTokens.ValidatedTokenCacheSize = 0;
        _uncached = new AccessTokenValidator(uncachedOptions, _ring, revocation, time);
        _token = new AccessTokenIssuer(options, _ring, time).Issue(new AccessTokenRequest("u1", "s1", ["trader"], ["pwd", "otp", "mfa"], now)).Token;
        _key = _ring.Current;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = "desk-gateway",
            ValidAudience = "trading-api",
            IssuerSigningKey = _key.SecurityKey,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = [SigningKey.AlgorithmName(Algorithm)],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
        };
        _jwt = new JsonWebTokenHandler();
        _legacy = new JwtSecurityTokenHandler { MapInboundClaims = false };
        var lastDot = _token.LastIndexOf('.');
        _signingInput = Encoding.ASCII.GetBytes(_token[..lastDot]);
        _signature = Base64UrlEncoder.DecodeBytes(_token[(lastDot + 1)..]);
        if (!_uncached.ValidateAsync(_token).AsTask().GetAwaiter().GetResult().IsValid || !_jwt.ValidateTokenAsync(_token, _parameters).GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException("Setup token does not validate.");
        }

        _cached.ValidateAsync(_token).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _ring.Dispose();

    [Benchmark(Description = "Ours (full)")]
    public bool Ours() => IsValid(_uncached.ValidateAsync(_token));

    [Benchmark(Description = "Ours (cached re-validation)")]
    public bool OursCached() => IsValid(_cached.ValidateAsync(_token));

    [Benchmark(Baseline = true, Description = "JsonWebTokenHandler")]
    public bool JsonWebTokenHandler() => _jwt.ValidateTokenAsync(_token, _parameters).GetAwaiter().GetResult().IsValid;

    [Benchmark(Description = "JwtSecurityTokenHandler")]
    public bool JwtSecurityTokenHandler() => _legacy.ValidateToken(_token, _parameters, out _) is not null;

    [Benchmark(Description = "Bare signature check")]
    public bool BareSignature() => _key.Verify(_signingInput, _signature);

    // With the in-memory stores validation completes synchronously: no Task is made.
    private static bool IsValid(ValueTask<AccessTokenValidationResult> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result.IsValid : pending.AsTask().GetAwaiter().GetResult().IsValid;
}
