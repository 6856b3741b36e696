using System.Security.Cryptography;
using System.Text.Json;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Tests.Tokens;

/// <summary>Signing keys derived from <see cref="AccessTokenOptions.FleetSigningSecret"/>: two rings are two hosts of one fleet.</summary>
public sealed class FleetSigningKeyTests
{
    private static readonly string Secret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly TimeSpan Interval = new AuthOptions().AccessTokens.KeyRotationInterval;

    private static TokenFixture Host(SigningAlgorithm algorithm = SigningAlgorithm.ES256, string? secret = null) =>
        new(algorithm, o => o.AccessTokens.FleetSigningSecret = secret ?? Secret);

    private static long Epoch(DateTimeOffset at) => (at - DateTimeOffset.UnixEpoch).Ticks / Interval.Ticks;

    private static DateTimeOffset NextBoundary(DateTimeOffset at) => DateTimeOffset.UnixEpoch.AddTicks((Epoch(at) + 1) * Interval.Ticks);

    [Theory]
    [InlineData(SigningAlgorithm.ES256)]
    [InlineData(SigningAlgorithm.EdDSA)]
    [InlineData(SigningAlgorithm.HS256)]
    public async Task ValidateAsync_TokenIssuedOnAnotherHostOfTheFleet_IsAccepted(SigningAlgorithm algorithm)
    {
        using var a = Host(algorithm);
        using var b = Host(algorithm);

        var issued = a.Issuer.Issue(TokenFixture.Request());
        var result = await b.Validator.ValidateAsync(issued.Token);

        Assert.True(result.IsValid, result.Reason.ToString());
        Assert.True(a.Ring.IsFleetShared);
        Assert.Equal(a.Ring.Current.Kid, b.Ring.Current.Kid);
        Assert.StartsWith($"f{Epoch(TokenFixture.Start)}-", a.Ring.Current.Kid, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, a.Ring.Current.Kid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_HostWithAnotherFleetSecret_RefusesTheToken()
    {
        using var a = Host();
        using var other = Host(secret: Convert.ToBase64String(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray()));

        var result = await other.Validator.ValidateAsync(a.Issuer.Issue(TokenFixture.Request()).Token);

        Assert.False(result.IsValid);
        Assert.NotEqual(a.Ring.Current.Kid, other.Ring.Current.Kid);
    }

    [Fact]
    public void ExportJwks_TwoHosts_PublishTheSamePublicKeys()
    {
        using var a = Host();
        using var b = Host();

        using var jwks = JsonDocument.Parse(a.Ring.ExportJwks());
        Assert.Equal(a.Ring.ExportJwks(), b.Ring.ExportJwks());
        Assert.Equal(1, jwks.RootElement.GetProperty("keys").GetArrayLength()); // the next epoch's key is not published before it verifies
    }

    [Fact]
    public async Task Current_EpochBoundary_BothHostsMoveToTheNextKeyAndOldTokensLiveOut()
    {
        using var a = Host();
        using var b = Host();
        var boundary = NextBoundary(TokenFixture.Start);
        a.Time.SetUtcNow(boundary - TimeSpan.FromMinutes(1));
        b.Time.SetUtcNow(boundary - TimeSpan.FromMinutes(1));
        var before = a.Issuer.Issue(TokenFixture.Request() with { AuthenticatedAt = a.Time.GetUtcNow() });
        var oldKid = a.Ring.Current.Kid;

        // Host A's clock has crossed; host B's is 20 s behind (within the 30 s skew): B already accepts A's new key.
        a.Time.SetUtcNow(boundary + TimeSpan.FromSeconds(10));
        b.Time.SetUtcNow(boundary - TimeSpan.FromSeconds(10));
        var after = a.Issuer.Issue(TokenFixture.Request() with { AuthenticatedAt = a.Time.GetUtcNow() });

        Assert.NotEqual(oldKid, a.Ring.Current.Kid);
        Assert.StartsWith($"f{Epoch(boundary)}-", a.Ring.Current.Kid, StringComparison.Ordinal);
        Assert.True((await b.Validator.ValidateAsync(after.Token)).IsValid);

        // After the boundary the previous epoch's key still verifies its tokens until they expire.
        b.Time.SetUtcNow(boundary + TimeSpan.FromMinutes(5));
        Assert.Equal(a.Ring.Current.Kid, b.Ring.Current.Kid);
        Assert.True((await b.Validator.ValidateAsync(before.Token)).IsValid);
    }

    [Fact]
    public async Task ValidateAsync_HostStartedJustAfterTheBoundary_AcceptsTheLastEpochsLiveTokens()
    {
        using var a = Host();
        var boundary = NextBoundary(TokenFixture.Start);
        a.Time.SetUtcNow(boundary - TimeSpan.FromMinutes(1));
        var before = a.Issuer.Issue(TokenFixture.Request() with { AuthenticatedAt = a.Time.GetUtcNow() });

        using var restarted = new TokenFixture(SigningAlgorithm.ES256, o => o.AccessTokens.FleetSigningSecret = Secret, startAt: boundary + TimeSpan.FromMinutes(2));

        Assert.True((await restarted.Validator.ValidateAsync(before.Token)).IsValid);
        Assert.StartsWith($"f{Epoch(boundary)}-", restarted.Ring.Current.Kid, StringComparison.Ordinal);

        // Once every token of the last epoch has expired (longest lifetime plus skew), a new host no longer derives its key.
        using var later = new TokenFixture(SigningAlgorithm.ES256, o => o.AccessTokens.FleetSigningSecret = Secret, startAt: boundary + TimeSpan.FromHours(2));
        Assert.DoesNotContain(later.Ring.KeyIds, k => k.StartsWith($"f{Epoch(boundary) - 1}-", StringComparison.Ordinal));
    }

    [Fact]
    public void Rotate_FleetSharedKeys_RefusesARandomKeyThatWouldSplitTheFleet()
    {
        using var a = Host();

        var ex = Assert.Throws<InvalidOperationException>(() => a.Ring.Rotate());
        Assert.Contains("FleetSigningSecret", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==")] // 31 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")] // 32 zero bytes
    public void Validate_MalformedOrShortFleetSecret_FailsWithoutEchoingIt(string secret)
    {
        var options = new AuthOptions { Issuer = "i", Audience = "a" };
        options.AccessTokens.FleetSigningSecret = secret;

        var result = new AuthOptionsConsistencyValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("FleetSigningSecret", result.FailureMessage, StringComparison.Ordinal);
        if (secret.Trim().Length > 0)
        {
            Assert.DoesNotContain(secret, result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentException>(() => new SigningKeyRing(options.AccessTokens, TimeProvider.System));
    }

    [Fact]
    public void Validate_HugeFleetSecret_Fails()
    {
        var options = new AuthOptions { Issuer = "i", Audience = "a" };
        options.AccessTokens.FleetSigningSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(AccessTokenOptions.MaxFleetSecretBytes + 1));

        Assert.True(new AuthOptionsConsistencyValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void Validate_GoodFleetSecret_Passes()
    {
        var options = new AuthOptions { Issuer = "i", Audience = "a" };
        options.AccessTokens.FleetSigningSecret = Secret;

        Assert.False(new AuthOptionsConsistencyValidator().Validate(null, options).Failed);
    }

    [Fact]
    public async Task Current_ManyThreadsAcrossTheBoundary_OneKeyPerEpochAndEveryTokenValidates()
    {
        using var a = Host(SigningAlgorithm.HS256);
        using var b = Host(SigningAlgorithm.HS256);
        var boundary = NextBoundary(TokenFixture.Start);
        a.Time.SetUtcNow(boundary + TimeSpan.FromSeconds(1));
        b.Time.SetUtcNow(boundary + TimeSpan.FromSeconds(1));

        var tokens = new string[64];
        var kids = new string[64];
        Parallel.For(0, tokens.Length, i =>
        {
            kids[i] = a.Ring.Current.Kid;
            tokens[i] = a.Issuer.Issue(TokenFixture.Request(session: "s-" + i) with { AuthenticatedAt = boundary }).Token;
        });

        Assert.Single(kids.Distinct());
        foreach (var t in tokens)
        {
            Assert.True((await b.Validator.ValidateAsync(t)).IsValid);
        }
    }

    [Fact]
    public void Install_FleetSharedKeys_RefusesALocalKeyThatWouldSplitTheFleet()
    {
        // Rotate refuses in fleet mode, but Install takes any key and makes it sign: tokens from this host then
        // fail on every other host of the fleet (UnknownKey) until the next epoch.
        using var a = Host(SigningAlgorithm.HS256);
        using var key = SigningKey.FromHmacSecret("local-1", RandomNumberGenerator.GetBytes(32), a.Time.GetUtcNow());

        var ex = Record.Exception(() => a.Ring.Install(key));

        Assert.IsType<InvalidOperationException>(ex);
        Assert.StartsWith($"f{Epoch(TokenFixture.Start)}-", a.Ring.Current.Kid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Current_AfterDispose_DoesNotDeriveKeysFromTheZeroedSecret()
    {
        // Dispose zeroes the fleet secret, but Current/Find still advance epochs afterwards and derive the next key
        // from 32 zero bytes: a disposed ring (host draining on shutdown) signs with, and accepts tokens of, a key anyone can derive.
        using var a = Host(SigningAlgorithm.HS256);
        var boundary = NextBoundary(TokenFixture.Start);
        a.Ring.Dispose();
        a.Time.SetUtcNow(boundary + TimeSpan.FromSeconds(1));

        // The key anyone can derive from an all-zero secret (which the options now refuse outright).
        using var zeroKey = SigningKey.DeriveFleetKey(SigningAlgorithm.HS256, new byte[32], Epoch(boundary), boundary);
        var forged = a.Craft(a.Header(alg: "HS256", kid: zeroKey.Kid), a.Claims(), zeroKey);

        var current = Record.Exception(() => a.Ring.Current);
        var result = await a.Validator.ValidateAsync(forged);

        Assert.False(result.IsValid, "a disposed fleet ring accepted a token signed with the all-zero-secret key");
        Assert.IsType<ObjectDisposedException>(current);
    }
}

/// <summary>Every new signing key is a <c>data.key.rotated</c> event, so the scorecard's key-rotation metric sees token keys.</summary>
public sealed class SigningKeyEventTests
{
    [Fact]
    public void Ring_CreatedThenRotated_PublishesEachNewKeyWithoutItsMaterial()
    {
        var events = new AccessTokenValidatorTests.RecordingPublisher();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TokenFixture.Start);
        var options = new AuthOptions().AccessTokens;
        options.Algorithm = SigningAlgorithm.HS256;
        using var ring = new SigningKeyRing(options, time, events);
        var first = ring.Current.Kid;

        var second = ring.Rotate().Kid;
        time.Advance(options.KeyRotationInterval);
        var third = ring.Current.Kid;

        Assert.Equal(["created", "rotated", "rotated"], events.Events.Select(e => e.GetProperty("action")));
        Assert.All(events.Events, e => Assert.Equal("data.key.rotated", e.Type));
        Assert.Equal(["signing-key/" + first, "signing-key/" + second, "signing-key/" + third], events.Events.Select(e => e.Resource));
        Assert.Equal([null, first, second], events.Events.Select(e => e.GetProperty("previous_key_id")));
        Assert.All(events.Events, e => Assert.Equal("HS256", e.GetProperty("algorithm")));
    }

    [Fact]
    public void FleetRing_EpochBoundary_PublishesTheNewEpochsKeyOnce()
    {
        var events = new AccessTokenValidatorTests.RecordingPublisher();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TokenFixture.Start);
        var options = new AuthOptions().AccessTokens;
        options.FleetSigningSecret = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray());
        using var ring = new SigningKeyRing(options, time, events);

        time.Advance(options.KeyRotationInterval);
        _ = ring.Current;
        _ = ring.Current;

        Assert.Equal(["created", "rotated"], events.Events.Select(e => e.GetProperty("action")));
        Assert.Equal("true", events.Events[1].GetProperty("fleet_shared"));
        Assert.Equal("signing-key/" + ring.Current.Kid, events.Events[1].Resource);
    }
}
