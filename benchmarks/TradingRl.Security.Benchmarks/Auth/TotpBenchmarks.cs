using TradingRl.Security.Testing;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Stores;

namespace TradingRl.Security.Benchmarks.Auth;

/// <summary>TOTP: the bare code computation and a full verification (unprotect the secret, three steps compared in constant time, replay guard).</summary>
[MemoryDiagnoser]
public class TotpBenchmarks
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
    private TotpAuthenticator _totp = null!;
    private byte[] _secret = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new AuthOptions { Issuer = "desk-gateway", Audience = "trading-api" };
        _totp = new TotpAuthenticator(options, new InMemoryMfaStore(), new FixedKeySecretProtector(), new InMemorySlidingWindowCounterStore(), _time);
        var e = _totp.EnrollAsync("alice", "alice").AsTask().GetAwaiter().GetResult();
        Base32.TryDecode(e.SecretBase32, out _secret);
    }

    [Benchmark(Description = "Totp.ComputeTotp")]
    public string Compute() => Totp.ComputeTotp(_secret, _time.GetUtcNow());

    [Benchmark(Description = "TotpAuthenticator.VerifyAsync (fresh step, incl. computing the code)")]
    public MfaResult Verify()
    {
        // Each call moves to the next step: a code is accepted once only (replay guard).
        _time.Advance(Totp.Step);
        var r = _totp.VerifyAsync("alice", Totp.ComputeTotp(_secret, _time.GetUtcNow())).AsTask().GetAwaiter().GetResult();
        return r == MfaResult.Succeeded ? r : throw new InvalidOperationException(r.ToString());
    }
}
