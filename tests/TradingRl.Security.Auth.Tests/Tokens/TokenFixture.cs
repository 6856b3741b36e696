using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Tests.Tokens;

/// <summary>A ring, an issuer and a validator on a fake clock, plus helpers to craft tokens byte by byte.</summary>
internal sealed class TokenFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public TokenFixture(SigningAlgorithm algorithm = SigningAlgorithm.ES256, Action<AuthOptions>? configure = null, DateTimeOffset? startAt = null)
    {
        Time = new FakeTimeProvider(startAt ?? Start);
        Options = new AuthOptions { Issuer = "desk-gateway", Audience = "trading-api" };
        Options.AccessTokens.Algorithm = algorithm;
        configure?.Invoke(Options);
        Ring = new SigningKeyRing(Options.AccessTokens, Time);
        Issuer = new AccessTokenIssuer(Options, Ring, Time);
        Validator = new AccessTokenValidator(Options, Ring, Revocation, Time);
    }

    public FakeTimeProvider Time { get; }

    public AuthOptions Options { get; }

    public SigningKeyRing Ring { get; }

    public AccessTokenIssuer Issuer { get; }

    public AccessTokenValidator Validator { get; }

    public TestRevocation Revocation { get; } = new();

    public static AccessTokenRequest Request(string subject = "alice", string session = "s-1") =>
        new(subject, session, ["trader"], [AuthenticationMethods.Password, AuthenticationMethods.OneTimePassword], Start);

    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    public string Header(string? alg = null, string? kid = null) =>
        $$"""{"alg":"{{alg ?? SigningKey.AlgorithmName(Ring.Current.Algorithm)}}","kid":"{{kid ?? Ring.Current.Kid}}","typ":"at+jwt"}""";

    public string Claims(long? iat = null, long? exp = null, string iss = "desk-gateway", string aud = "trading-api") =>
        $$"""{"iss":"{{iss}}","aud":"{{aud}}","sub":"alice","sid":"s-1","jti":"j1","iat":{{iat ?? Now}},"nbf":{{iat ?? Now}},"exp":{{exp ?? Now + 900}},"roles":["trader"],"amr":["pwd","otp"]}""";

    public static string B64(string json) => SigningKey.Base64UrlEncode(Encoding.UTF8.GetBytes(json));

    /// <summary>Signs header.payload with <paramref name="key"/> (the ring's current key when omitted).</summary>
    public string Craft(string header, string claims, SigningKey? key = null)
    {
        var input = B64(header) + "." + B64(claims);
        var sig = (key ?? Ring.Current).Sign(Encoding.ASCII.GetBytes(input));
        return input + "." + SigningKey.Base64UrlEncode(sig);
    }

    public void Dispose() => Ring.Dispose();

    internal sealed class TestRevocation : IAccessTokenRevocation
    {
        public ConcurrentDictionary<string, bool> RevokedSessions { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, DateTimeOffset> CredentialsChangedAt { get; } = new(StringComparer.Ordinal);

        public int Calls;

        public ValueTask<bool> IsRevokedAsync(string subject, string sessionId, DateTimeOffset issuedAt, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            var revoked = RevokedSessions.ContainsKey(sessionId)
                || (CredentialsChangedAt.TryGetValue(subject, out var changed) && issuedAt < changed);
            return ValueTask.FromResult(revoked);
        }
    }
}
