using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Stores.Redis.Tests.Fleet;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Stores.Redis.Tests.Outage;

/// <summary>Runs alone: it stops the test Redis.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisOutageGroup
{
    public const string Name = "redis-outage";
}

/// <summary>Redis stopped mid-run and restarted (eng/services.sh redis-stop / redis-start).</summary>
[Collection(RedisOutageGroup.Name)]
public sealed class RedisOutageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly InMemoryUserStore _users = new();
    private readonly string _fleetSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [RedisOutageFact]
    public async Task RedisStopped_DecisionsFailClosedWithATypedErrorAndAMetric_ThenRecoverAfterRestart()
    {
        using var unavailable = new MetricCollector<long>(null, TradingSecurityTelemetry.Name, RedisStoreTelemetry.StoreUnavailable);
        using var host = new FleetHost(_time, _users, _fleetSecret, RedisTestServer.NewPrefix("outage"), o =>
        {
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
            o.OperationTimeout = TimeSpan.FromSeconds(1);
        });
        Assert.True(await _users.TryAddAsync(new UserAccount("u_olga", "olga", "hash", ["trader"], T0.AddDays(-1))));
        var session = await host.Sessions.CreateAsync("u_olga", ["pwd"]);
        var token = host.Issuer.Issue(new AccessTokenRequest("u_olga", session.SessionId, ["trader"], ["pwd"], T0)).Token;
        Assert.True((await host.Validator.ValidateAsync(token)).IsValid);
        Assert.True((await host.Throttle.CheckAsync("olga", "10.1.1.1")).Allowed);
        var multiplexer = await host.Provider.GetRequiredService<RedisConnection>().GetMultiplexerAsync();

        try
        {
            await Services.RunAsync("redis-stop");
            Assert.True(await Eventually.TrueAsync(() => !multiplexer.IsConnected, TimeSpan.FromSeconds(10)), "The multiplexer did not notice Redis stopping.");

            var clock = Stopwatch.StartNew();
            var checkError = await Assert.ThrowsAsync<RedisStoreUnavailableException>(async () => await host.Throttle.CheckAsync("olga", "10.1.1.1"));
            await Assert.ThrowsAsync<RedisStoreUnavailableException>(async () => await host.Throttle.RecordFailureAsync("olga", "10.1.1.1"));
            await Assert.ThrowsAsync<RedisStoreUnavailableException>(async () => await host.Sessions.GetLiveAsync(session.SessionId));
            await Assert.ThrowsAsync<RedisStoreUnavailableException>(async () => await host.Validator.ValidateAsync(token));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Failing closed took {clock.Elapsed}; each call should fail within the 1 s operation timeout.");

            Assert.Equal("lockout.get", checkError.Operation);
            Assert.Contains("Redis", checkError.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("olga", checkError.Message, StringComparison.Ordinal);
            var measurements = unavailable.GetMeasurementSnapshot();
            Assert.True(measurements.Count >= 4, $"Expected at least 4 store-unavailable measurements, got {measurements.Count}.");
            Assert.All(measurements, m => Assert.Equal("redis", m.Tags["store"]));

            var report = await host.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Unhealthy, report.Status);
        }
        finally
        {
            await Services.RunAsync("redis-start");
        }

        // The multiplexer reconnects by itself; the stores work again.
        Assert.True(
            await Eventually.TrueAsync(() => TryAsync(() => host.Counters.IncrementAsync("outage/after", T0, TimeSpan.FromMinutes(1)).AsTask()), TimeSpan.FromSeconds(20)),
            "The store did not recover after Redis restarted.");
        Assert.True((await host.Throttle.CheckAsync("olga", "10.1.1.1")).Allowed);
        var fresh = await host.Sessions.CreateAsync("u_olga", ["pwd"]);
        Assert.NotNull(await host.Sessions.GetLiveAsync(fresh.SessionId));

        // The test server keeps no data across a restart (no persistence): the old session is unknown, so refused.
        Assert.Equal(TokenRejectionReason.Revoked, (await host.Validator.ValidateAsync(token)).Reason);
        var health = await host.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Status);
    }


    private static async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (RedisStoreUnavailableException)
        {
            return false;
        }
    }


    /// <summary>eng/services.sh, told where the test servers run (TRADINGRL_SERVICES, TRADINGRL_SERVICES_DIR and the port of TRADINGRL_REDIS).</summary>
    private static class Services
    {
        public static async Task RunAsync(string command)
        {
            var script = Environment.GetEnvironmentVariable("TRADINGRL_SERVICES");
            var dir = Environment.GetEnvironmentVariable("TRADINGRL_SERVICES_DIR");
            if (string.IsNullOrEmpty(script) || string.IsNullOrEmpty(dir))
            {
                Assert.Fail("TRADINGRL_SERVICES and TRADINGRL_SERVICES_DIR are not set: start the servers with eval \"$(eng/services.sh start DIR)\" so the outage test can stop and restart Redis.");
            }

            var redis = TestServers.RequireRedis();
            var psi = new ProcessStartInfo(script) { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add(command);
            psi.ArgumentList.Add(dir);
            psi.Environment["TRADINGRL_REDIS_PORT"] = redis[(redis.LastIndexOf(':') + 1)..];
            using var p = Process.Start(psi)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stderr = p.StandardError.ReadToEndAsync(timeout.Token);
            await p.WaitForExitAsync(timeout.Token);
            Assert.True(p.ExitCode == 0, $"eng/services.sh {command} failed ({p.ExitCode}): {await stderr}");
        }
    }
}

/// <summary>A fact that stops and restarts the test Redis: skipped like <see cref="RedisFactAttribute"/> without the servers, run (and failing clearly) when CI requires them.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RedisOutageFactAttribute : FactAttribute
{
    public RedisOutageFactAttribute() =>
        Skip = TestServers.SkipReason(TestServers.Redis, "TRADINGRL_REDIS")
            ?? TestServers.SkipReason(Environment.GetEnvironmentVariable("TRADINGRL_SERVICES") is { Length: > 0 } s ? s : null, "TRADINGRL_SERVICES");
}
