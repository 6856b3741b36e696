using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Stores.Redis.Tests.Fleet;

/// <summary>One host of a fleet: its own service provider (AddTradingSecurity + AddAuth + UseRedis) and so its own Redis connection.</summary>
/// <remarks>
/// The hosts share a clock, the user store, the fleet signing secret (each derives the same keys in its own ring) and (when given) the TOTP enrolments, which a real fleet shares through PostgreSQL (not this
/// package's part); everything else of Auth's state comes from the host's own registrations, i.e. from Redis.
/// </remarks>
internal sealed class FleetHost : IDisposable
{
    public FleetHost(FakeTimeProvider time, IUserStore users, string fleetSigningSecret, string prefix, Action<RedisStoreOptions>? redis = null, IMfaStore? mfa = null)
    {
        var s = new ServiceCollection();
        s.AddLogging();
        s.AddSingleton<TimeProvider>(time);
        s.AddSingleton<ISecretProtector>(new FixedKeySecretProtector());
        s.AddSingleton(users);
        if (mfa is not null)
        {
            s.AddSingleton(mfa);
        }

        s.AddTradingSecurity(b => b
            .AddAuth(o =>
            {
                o.Issuer = "desk-gateway";
                o.Audience = "trading-api";
                o.AccessTokens.FleetSigningSecret = fleetSigningSecret;
            })
            .UseRedis(o =>
            {
                var t = RedisTestServer.Options(prefix, redis);
                o.Configuration = t.Configuration;
                o.KeyPrefix = t.KeyPrefix;
                o.ConnectTimeout = t.ConnectTimeout;
                o.OperationTimeout = t.OperationTimeout;
                o.TokenRevocationCacheDuration = t.TokenRevocationCacheDuration;
            }));
        Provider = s.BuildServiceProvider();
    }

    public ServiceProvider Provider { get; }

    public LoginThrottle Throttle => Provider.GetRequiredService<LoginThrottle>();

    public SessionManager Sessions => Provider.GetRequiredService<SessionManager>();

    public AccessTokenIssuer Issuer => Provider.GetRequiredService<AccessTokenIssuer>();

    public AccessTokenValidator Validator => Provider.GetRequiredService<AccessTokenValidator>();

    public SignInService SignIn => Provider.GetRequiredService<SignInService>();

    public AccountManager Accounts => Provider.GetRequiredService<AccountManager>();

    public ISlidingWindowCounterStore Counters => Provider.GetRequiredService<ISlidingWindowCounterStore>();

    public void Dispose() => Provider.Dispose();
}
