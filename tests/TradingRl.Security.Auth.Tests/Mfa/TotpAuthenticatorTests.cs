using TradingRl.Security.Testing;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Tests.Tokens;
using TradingRl.Security.Stores;

namespace TradingRl.Security.Auth.Tests.Mfa;

public sealed class TotpAuthenticatorTests
{
    private readonly FakeTimeProvider _time = new(TokenFixture.Start);
    private readonly InMemoryMfaStore _store = new();
    private readonly FixedKeySecretProtector _protector = new();
    private readonly AccessTokenValidatorTests.RecordingPublisher _events = new();
    private readonly TotpAuthenticator _totp;

    public TotpAuthenticatorTests()
    {
        var options = new AuthOptions { Issuer = "desk-gateway", Audience = "trading-api" };
        _totp = new TotpAuthenticator(options, _store, _protector, new InMemorySlidingWindowCounterStore(), _time, _events);
    }

    private async Task<byte[]> EnrollAsync(string subject = "alice")
    {
        var e = await _totp.EnrollAsync(subject, subject);
        Assert.True(Base32.TryDecode(e.SecretBase32, out var secret));
        return secret;
    }

    private string Code(byte[] secret, int stepOffset = 0) => Totp.ComputeTotp(secret, _time.GetUtcNow() + (Totp.Step * stepOffset));

    [Fact]
    public async Task EnrollAsync_Result_UriAndRecoveryCodes_SecretStoredOnlyProtected()
    {
        var e = await _totp.EnrollAsync("alice", "alice@desk");
        Assert.StartsWith("otpauth://totp/desk-gateway:alice%40desk?secret=" + e.SecretBase32 + "&issuer=desk-gateway&algorithm=SHA1&digits=6&period=30", e.OtpAuthUri, StringComparison.Ordinal);
        Assert.Equal(32, e.SecretBase32.Length);
        Assert.Equal(10, e.RecoveryCodes.Count);
        Assert.All(e.RecoveryCodes, c => Assert.Matches("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$", c));
        Assert.DoesNotContain(e.SecretBase32, e.ToString(), StringComparison.Ordinal);
        var stored = await _store.GetAsync("alice");
        Base32.TryDecode(e.SecretBase32, out var secret);
        Assert.False(stored!.ProtectedSecret.AsSpan().IndexOf(secret) >= 0);
        Assert.Equal(1, _protector.ProtectCalls);
        Assert.DoesNotContain(stored.RecoveryCodeHashes, h => e.RecoveryCodes.Contains(h));
        Assert.Single(_events.Events, x => x.Type == "auth.mfa.enrolled");
    }

    [Theory]
    [InlineData(-1, MfaResult.Succeeded)]
    [InlineData(0, MfaResult.Succeeded)]
    [InlineData(1, MfaResult.Succeeded)]
    [InlineData(-2, MfaResult.Invalid)]
    [InlineData(2, MfaResult.Invalid)]
    public async Task VerifyAsync_WindowOfOneStep(int offset, MfaResult expected)
    {
        var secret = await EnrollAsync();
        Assert.Equal(expected, await _totp.VerifyAsync("alice", Code(secret, offset)));
    }

    [Fact]
    public async Task VerifyAsync_SameCodeTwice_SecondIsReplay()
    {
        var secret = await EnrollAsync();
        var code = Code(secret);
        Assert.Equal(MfaResult.Succeeded, await _totp.VerifyAsync("alice", code));
        Assert.Equal(MfaResult.Replayed, await _totp.VerifyAsync("alice", code));
    }

    [Fact]
    public async Task VerifyAsync_CodeOfEarlierStepAfterLaterAccepted_Replay()
    {
        var secret = await EnrollAsync();
        Assert.Equal(MfaResult.Succeeded, await _totp.VerifyAsync("alice", Code(secret, 1)));
        Assert.Equal(MfaResult.Replayed, await _totp.VerifyAsync("alice", Code(secret, 0)));
        _time.Advance(Totp.Step * 2);
        Assert.Equal(MfaResult.Succeeded, await _totp.VerifyAsync("alice", Code(secret)));
    }

    [Fact]
    public async Task VerifyAsync_ConcurrentSameCode_ExactlyOneSucceeds()
    {
        var secret = await EnrollAsync();
        var code = Code(secret);
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 5).Select(_ => Task.Run(async () => { start.Wait(); return await _totp.VerifyAsync("alice", code); })).ToArray();
        start.Set();
        var results = await Task.WhenAll(tasks);
        Assert.Equal(1, results.Count(r => r == MfaResult.Succeeded));
        Assert.Equal(4, results.Count(r => r == MfaResult.Replayed));
    }

    [Fact]
    public async Task VerifyAsync_CodeWithLeadingZero_AcceptedOnlyWithTheZero()
    {
        var secret = await EnrollAsync();
        while (!Code(secret).StartsWith('0'))
        {
            _time.Advance(Totp.Step);
        }

        var code = Code(secret);
        Assert.Equal(MfaResult.Invalid, await _totp.VerifyAsync("alice", code.TrimStart('0')));
        Assert.Equal(MfaResult.Succeeded, await _totp.VerifyAsync("alice", code));
    }

    [Fact]
    public async Task VerifyAsync_NotExactlySixAsciiDigits_Invalid()
    {
        var secret = await EnrollAsync();
        var code = Code(secret);
        var arabicIndic = string.Concat(code.Select(c => (char)('\u0660' + (c - '0'))));
        foreach (var bad in new[] { code[..5], code + "0", " " + code, code + " ", arabicIndic, "12345a", "+12345", string.Empty, new string('1', 10_000) })
        {
            Assert.Equal(MfaResult.Invalid, await _totp.VerifyAsync("bob", bad) is MfaResult.NotEnrolled ? MfaResult.Invalid : await _totp.VerifyAsync("alice", bad));
        }
    }

    [Fact]
    public async Task VerifyAsync_AttemptLimit_RefusesEvenTheRightCodeUntilWindowPasses()
    {
        var secret = await EnrollAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(MfaResult.Invalid, await _totp.VerifyAsync("alice", "000000" == Code(secret) ? "111111" : "000000"));
        }

        Assert.Equal(MfaResult.TooManyAttempts, await _totp.VerifyAsync("alice", Code(secret)));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(MfaResult.Succeeded, await _totp.VerifyAsync("alice", Code(secret)));
        Assert.Equal(6, _events.Events.Count(e => e.Type == "auth.mfa.failed"));
    }

    [Fact]
    public async Task RedeemRecoveryCodeAsync_SingleUse_CaseAndDashesIgnored()
    {
        var e = await _totp.EnrollAsync("alice", "alice");
        var code = e.RecoveryCodes[3];
        Assert.Equal(MfaResult.Succeeded, await _totp.RedeemRecoveryCodeAsync("alice", code.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant()));
        Assert.Equal(MfaResult.Invalid, await _totp.RedeemRecoveryCodeAsync("alice", code));
        Assert.Equal(MfaResult.Succeeded, await _totp.RedeemRecoveryCodeAsync("alice", e.RecoveryCodes[4]));
        Assert.Equal(MfaResult.Invalid, await _totp.RedeemRecoveryCodeAsync("alice", "AAAA-AAAA-AAAA-AAAA"));
    }

    [Fact]
    public async Task VerifyAsync_NotEnrolledOrNull_NotEnrolledOrThrows()
    {
        Assert.Equal(MfaResult.NotEnrolled, await _totp.VerifyAsync("nobody", "123456"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await _totp.VerifyAsync("alice", null!));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _totp.EnrollAsync(" ", "x"));
    }

    [Fact]
    public async Task VerifyAsync_TamperedProtectedSecret_ThrowsCryptographicException()
    {
        await EnrollAsync();
        var stored = (await _store.GetAsync("alice"))!;
        var tampered = stored.ProtectedSecret.ToArray();
        tampered[^1] ^= 1;
        await _store.SetAsync("alice", stored with { ProtectedSecret = tampered });
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(async () => await _totp.VerifyAsync("alice", "123456"));
    }
}
