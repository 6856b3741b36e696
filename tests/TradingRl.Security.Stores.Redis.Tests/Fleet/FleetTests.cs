using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Stores.Redis.Tests.Fleet;

/// <summary>Several hosts (separate service providers) sharing one Redis.</summary>
public sealed class FleetTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly InMemoryUserStore _users = new();
    private readonly string _fleetSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly List<FleetHost> _hosts = [];
    private readonly string _prefix = RedisTestServer.NewPrefix("fleet");

    [RedisFact]
    public async Task RecordFailureAsync_SpreadOverFiveHosts_LocksAtTheSixthFailureAsOnOneHost()
    {
        // One host with the in-memory stores: more than 5 failures (the default) lock, i.e. the 6th.
        var single = new LoginThrottle(new LockoutOptions(), new InMemorySlidingWindowCounterStore(), new InMemoryLockoutStore(), _time);
        var singleLockedAt = await FailuresUntilLockedAsync(_ => single);
        Assert.Equal(6, singleLockedAt);

        var fleet = Hosts(5);
        var fleetLockedAt = await FailuresUntilLockedAsync(i => fleet[i % 5].Throttle);
        Assert.Equal(6, fleetLockedAt);
        foreach (var host in fleet)
        {
            var d = await host.Throttle.CheckAsync("mallory", "10.9.9.9");
            Assert.False(d.Allowed);
            Assert.Equal(T0 + TimeSpan.FromMinutes(5), d.LockedUntil);
        }
    }

    [RedisFact]
    public async Task RecordFailureAsync_FiveFailuresOverFiveHosts_DoNotLock()
    {
        var fleet = Hosts(5);
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await fleet[i].Throttle.RecordFailureAsync("erin", null));
        }

        Assert.All(await Task.WhenAll(fleet.Select(h => h.Throttle.CheckAsync("erin", null).AsTask())), d => Assert.True(d.Allowed));
    }

    [RedisFact]
    public async Task LockAsync_OnOneHost_HoldsOnEvery_AndUnlockOnAnotherClearsEvery()
    {
        var fleet = Hosts(3);
        var until = await fleet[0].Throttle.LockAsync("frank", duration: null);
        Assert.Equal(DateTimeOffset.MaxValue, until);
        Assert.All(await Task.WhenAll(fleet.Select(h => h.Throttle.CheckAsync("frank", null).AsTask())), d => Assert.Equal(DateTimeOffset.MaxValue, d.LockedUntil));
        await fleet[2].Throttle.UnlockAsync("frank");
        Assert.All(await Task.WhenAll(fleet.Select(h => h.Throttle.CheckAsync("frank", null).AsTask())), d => Assert.True(d.Allowed));
    }

    [RedisFact]
    public async Task IncrementAsync_ManyTasksOnFiveHosts_GiveExactDistinctCounts()
    {
        var fleet = Hosts(5);
        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(async () => await fleet[i % 5].Counters.IncrementAsync("orders/desk-7", T0, TimeSpan.FromMinutes(1)))));
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), results.Order());
        Assert.Equal(500, await fleet[3].Counters.CountAsync("orders/desk-7", T0, TimeSpan.FromMinutes(1)));
    }

    [RedisFact]
    public async Task RevokeAsync_OnOneHost_TokenRejectedOnEveryHost()
    {
        var fleet = Hosts(4);
        var (subject, token, sid) = await SignedInAsync(fleet[0]);

        // Every host accepts the token, and so caches the session locally.
        foreach (var host in fleet)
        {
            Assert.True((await host.Validator.ValidateAsync(token)).IsValid);
            Assert.True((await host.Validator.ValidateAsync(token)).IsValid);
        }

        Assert.True(await fleet[2].Sessions.RevokeAsync(sid, "signed-out"));

        // The clock does not move, so no cache entry ages out: only the published revocation can reach the other hosts.
        foreach (var host in fleet)
        {
            Assert.Null(await host.Sessions.GetLiveAsync(sid));
            var rejected = await Eventually.TrueAsync(async () => (await host.Validator.ValidateAsync(token)).Reason == TokenRejectionReason.Revoked, TimeSpan.FromSeconds(2));
            Assert.True(rejected, "A host kept accepting a token of a session revoked on another host.");
        }

        Assert.Empty(await fleet[1].Sessions.ListAsync(subject));
    }

    [RedisFact]
    public async Task RevokeAllAsync_OnOneHost_EndsEverySessionOnEveryHost()
    {
        var fleet = Hosts(3);
        var first = await SignedInAsync(fleet[0]);
        var second = await fleet[1].Sessions.CreateAsync(first.Subject, ["pwd"]);
        Assert.Equal(2, (await fleet[2].Sessions.ListAsync(first.Subject)).Count);
        Assert.Equal(2, await fleet[2].Sessions.RevokeAllAsync(first.Subject, "password-changed"));
        foreach (var host in fleet)
        {
            Assert.Null(await host.Sessions.GetLiveAsync(first.SessionId));
            Assert.Null(await host.Sessions.GetLiveAsync(second.SessionId));
        }
    }

    [RedisFact]
    public async Task TouchAsync_OnOneHost_KeepsTheSessionLiveOnAnother()
    {
        var fleet = Hosts(2);
        var s = await fleet[0].Sessions.CreateAsync("u_grace", ["pwd"]);
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await fleet[0].Sessions.TouchAsync(s.SessionId));
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(await fleet[1].Sessions.GetLiveAsync(s.SessionId));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await fleet[1].Sessions.GetLiveAsync(s.SessionId));
    }

    [RedisFact]
    public async Task CompleteMfaAsync_OnAnotherHost_Succeeds_AndOnlyOnce()
    {
        var mfa = new InMemoryMfaStore();
        var fleet = Enumerable.Range(0, 3).Select(_ => new FleetHost(_time, _users, _fleetSecret, _prefix, mfa: mfa)).ToList();
        _hosts.AddRange(fleet);
        const string password = "lunar sextant drifts over copper";
        var user = (await fleet[0].Accounts.CreateAsync("nadia", password, ["trader"])).Account!;
        Assert.True(Base32.TryDecode((await fleet[0].Accounts.EnrollTotpAsync(user.Subject)).SecretBase32, out var secret));

        var first = await fleet[0].SignIn.PasswordSignInAsync("nadia", password, "10.0.0.7");
        Assert.Equal(SignInStatus.MfaRequired, first.Status);
        var code = Totp.ComputeTotp(secret, _time.GetUtcNow());
        var second = await fleet[1].SignIn.CompleteMfaAsync(first.ChallengeId!, code);
        Assert.Equal(SignInStatus.Succeeded, second.Status);
        Assert.NotEqual(SignInStatus.Succeeded, (await fleet[2].SignIn.CompleteMfaAsync(first.ChallengeId!, code)).Status);
        Assert.True((await fleet[2].Validator.ValidateAsync(second.Tokens!.AccessToken)).IsValid);
    }

    public void Dispose()
    {
        foreach (var h in _hosts)
        {
            h.Dispose();
        }

    }

    private List<FleetHost> Hosts(int n)
    {
        for (var i = 0; i < n; i++)
        {
            _hosts.Add(new FleetHost(_time, _users, _fleetSecret, _prefix));
        }

        return _hosts;
    }

    private static async Task<int> FailuresUntilLockedAsync(Func<int, LoginThrottle> throttle)
    {
        for (var i = 0; i < 20; i++)
        {
            if (await throttle(i).RecordFailureAsync("mallory", "10.9.9.9") is not null)
            {
                return i + 1;
            }
        }

        return -1;
    }

    private async Task<(string Subject, string Token, string SessionId)> SignedInAsync(FleetHost host)
    {
        var subject = "u_" + Guid.NewGuid().ToString("N");
        Assert.True(await _users.TryAddAsync(new UserAccount(subject, subject, "hash", ["trader"], T0.AddDays(-1))));
        var session = await host.Sessions.CreateAsync(subject, ["pwd", "otp"]);
        var token = host.Issuer.Issue(new AccessTokenRequest(subject, session.SessionId, ["trader"], ["pwd", "otp"], T0));
        return (subject, token.Token, session.SessionId);
    }
}
