using TradingRl.Security.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tests.Tokens;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Auth.Tests.SignIn;

/// <summary>A service provider composed with AddTradingSecurity + AddAuth, a fake clock, a test protector and a recording publisher.</summary>
internal sealed class AuthHost : IDisposable
{
    public const string Password = "lunar sextant drifts over copper";

    public AuthHost(Action<AuthOptions>? configure = null, bool withProtector = true, Action<IServiceCollection>? services = null)
    {
        var s = new ServiceCollection();
        s.AddSingleton<TimeProvider>(Time);
        s.AddSingleton<Events.ISecurityEventPublisher>(Events);
        s.AddSingleton<IPasswordHasher>(Hasher);
        if (withProtector)
        {
            s.AddSingleton<ISecretProtector>(new FixedKeySecretProtector());
        }

        services?.Invoke(s);
        s.AddTradingSecurity(b => b.AddAuth(o =>
        {
            o.Issuer = "desk-gateway";
            o.Audience = "trading-api";
            configure?.Invoke(o);
        }));
        Provider = s.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(TokenFixture.Start);

    public AccessTokenValidatorTests.RecordingPublisher Events { get; } = new();

    public CountingHasher Hasher { get; } = new();

    public ServiceProvider Provider { get; }

    public SignInService SignIn => Provider.GetRequiredService<SignInService>();

    public AccountManager Accounts => Provider.GetRequiredService<AccountManager>();

    public AccessTokenValidator Validator => Provider.GetRequiredService<AccessTokenValidator>();

    /// <summary>Creates a user with a TOTP authenticator; returns the subject and the TOTP secret.</summary>
    public async Task<(string Subject, byte[] Secret, IReadOnlyList<string> RecoveryCodes)> ProvisionAsync(string userName = "alice", params string[] roles)
    {
        var created = await Accounts.CreateAsync(userName, Password, roles.Length == 0 ? ["trader"] : roles);
        Assert.True(created.Succeeded, created.Violation.ToString());
        var enrollment = await Accounts.EnrollTotpAsync(created.Account!.Subject);
        Assert.True(Base32.TryDecode(enrollment.SecretBase32, out var secret));
        return (created.Account.Subject, secret, enrollment.RecoveryCodes);
    }

    public string CurrentCode(byte[] secret) => Totp.ComputeTotp(secret, Time.GetUtcNow());

    public async Task<SignInResult> FullSignInAsync(string userName, byte[] secret)
    {
        var first = await SignIn.PasswordSignInAsync(userName, Password, "10.0.0.1");
        Assert.Equal(SignInStatus.MfaRequired, first.Status);
        var done = await SignIn.CompleteMfaAsync(first.ChallengeId!, CurrentCode(secret));
        Assert.Equal(SignInStatus.Succeeded, done.Status);

        // The next code must come from a later step (replays are refused).
        Time.Advance(Totp.Step);
        return done;
    }

    public void Dispose()
    {
        Provider.Dispose();
        Hasher.Dispose();
    }

    internal sealed class CountingHasher : IPasswordHasher, IDisposable
    {
        private readonly Argon2idPasswordHasher _inner = new(Passwords.Argon2idPasswordHasherTests.Cheap());

        public int Verifies;

        /// <summary>Gets or sets a wait added to every verification, so concurrent attempts overlap.</summary>
        public TimeSpan Delay { get; set; }

        public ValueTask<string> HashAsync(string password, CancellationToken cancellationToken = default) => _inner.HashAsync(password, cancellationToken);

        public async ValueTask<PasswordVerificationResult> VerifyAsync(string password, string storedHash, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Verifies);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            return await _inner.VerifyAsync(password, storedHash, cancellationToken);
        }

        public void Dispose() => _inner.Dispose();
    }
}
