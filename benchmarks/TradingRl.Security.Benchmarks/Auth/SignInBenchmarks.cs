using TradingRl.Security.Testing;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Benchmarks.Auth;

/// <summary>The sign-in flow end to end: password (Argon2id, m = 19 MiB, t = 2), TOTP challenge, session, access and refresh tokens.</summary>
[MemoryDiagnoser]
public class SignInBenchmarks
{
    private const string Password = "lunar sextant drifts over copper";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
    private ServiceProvider _provider = null!;
    private SignInService _signIn = null!;
    private byte[] _secret = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISecretProtector>(new FixedKeySecretProtector());
        services.AddTradingSecurity(b => b.AddAuth(o =>
        {
            o.Issuer = "desk-gateway";
            o.Audience = "trading-api";
            o.PasswordHashing.MemoryKiB = PasswordHashingOptions.MinimumMemoryKiB;
            o.PasswordHashing.Iterations = 2;
            o.Sessions.MaxConcurrentSessions = 100;
        }));
        _provider = services.BuildServiceProvider();
        var accounts = _provider.GetRequiredService<AccountManager>();
        var user = accounts.CreateAsync("alice", Password, ["trader"]).AsTask().GetAwaiter().GetResult().Account!;
        Base32.TryDecode(accounts.EnrollTotpAsync(user.Subject).AsTask().GetAwaiter().GetResult().SecretBase32, out _secret);
        _signIn = _provider.GetRequiredService<SignInService>();
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Description = "Password + TOTP + session + tokens")]
    public SignInResult SignIn()
    {
        _time.Advance(Totp.Step);
        var first = _signIn.PasswordSignInAsync("alice", Password).AsTask().GetAwaiter().GetResult();
        var done = _signIn.CompleteMfaAsync(first.ChallengeId!, Totp.ComputeTotp(_secret, _time.GetUtcNow())).AsTask().GetAwaiter().GetResult();
        return done.Succeeded ? done : throw new InvalidOperationException(done.Status.ToString());
    }
}
