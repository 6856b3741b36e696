using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Stores;
using TradingRl.Security.Stores.Redis;

namespace TradingRl.Security.Benchmarks.Stores;

/// <summary>
/// The Redis stores beside the embedded in-memory ones they replace: counter increments (one at a time and 64 in
/// flight), the sign-in throttle check and the token revocation check. Needs <c>TRADINGRL_REDIS</c> (e.g. from
/// <c>eval "$(eng/services.sh start DIR)"</c>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RedisStoreBenchmarks
{
    private const int InFlight = 64;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Task<long>[] _tasks = new Task<long>[InFlight];
    private RedisConnection _connection = null!;
    private RedisConnection _uncached = null!;
    private InMemorySlidingWindowCounterStore _memoryCounters = null!;
    private RedisSlidingWindowCounterStore _redisCounters = null!;
    private LoginThrottle _memoryThrottle = null!;
    private LoginThrottle _redisThrottle = null!;
    private SessionTokenRevocation _memoryRevocation = null!;
    private RedisAccessTokenRevocation _redisRevocation = null!;
    private RedisAccessTokenRevocation _redisUncachedRevocation = null!;
    private DateTimeOffset _issuedAt;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = Environment.GetEnvironmentVariable("TRADINGRL_REDIS") is { Length: > 0 } c
            ? c
            : throw new InvalidOperationException("TRADINGRL_REDIS is not set: start Redis with eval \"$(eng/services.sh start DIR)\" before running the store benchmarks.");
        var prefix = "bench:" + Guid.NewGuid().ToString("N")[..8] + ":";
        _connection = new RedisConnection(Options.Create(new RedisStoreOptions { Configuration = configuration, KeyPrefix = prefix }));
        _uncached = new RedisConnection(Options.Create(new RedisStoreOptions { Configuration = configuration, KeyPrefix = prefix, TokenRevocationCacheDuration = TimeSpan.Zero }));
        var time = TimeProvider.System;

        _memoryCounters = new InMemorySlidingWindowCounterStore();
        _redisCounters = new RedisSlidingWindowCounterStore(_connection);
        _memoryThrottle = new LoginThrottle(new LockoutOptions(), _memoryCounters, new InMemoryLockoutStore(), time);
        _redisThrottle = new LoginThrottle(new LockoutOptions(), _redisCounters, new RedisLockoutStore(_connection, time), time);

        // One signed-in user with a live session in each session store; the user store is in memory for both.
        var now = time.GetUtcNow();
        _issuedAt = now;
        var users = new InMemoryUserStore();
        users.TryAddAsync(new UserAccount("u_bench", "bench", "hash", ["trader"], now.AddDays(-1))).AsTask().GetAwaiter().GetResult();
        var options = new SessionOptions { IdleTimeout = TimeSpan.FromHours(24), AbsoluteTimeout = TimeSpan.FromDays(30) };
        var session = new SessionRecord("s_bench", "u_bench", now, now, now.AddDays(30));
        var memorySessions = new InMemorySessionStore();
        memorySessions.AddAsync(session).AsTask().GetAwaiter().GetResult();
        var redisSessions = new RedisSessionStore(_connection, options);
        redisSessions.AddAsync(session).AsTask().GetAwaiter().GetResult();
        _memoryRevocation = new SessionTokenRevocation(memorySessions, users, options, time);
        _redisRevocation = new RedisAccessTokenRevocation(_connection, redisSessions, users, options, time);
        _redisUncachedRevocation = new RedisAccessTokenRevocation(_uncached, new RedisSessionStore(_uncached, options), users, options, time);

        // Let the cached check subscribe to revocations before measuring.
        for (var i = 0; i < 50; i++)
        {
            _redisRevocation.IsRevokedAsync("u_bench", "s_bench", _issuedAt).AsTask().GetAwaiter().GetResult();
            Thread.Sleep(10);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _redisRevocation.Dispose();
        _redisUncachedRevocation.Dispose();
        _connection.Dispose();
        _uncached.Dispose();
    }

    [BenchmarkCategory("Increment"), Benchmark(Baseline = true, Description = "In-memory increment")]
    public ValueTask<long> MemoryIncrement() => _memoryCounters.IncrementAsync("orders/desk-1", TimeProvider.System.GetUtcNow(), Window);

    [BenchmarkCategory("Increment"), Benchmark(Description = "Redis increment (one at a time)")]
    public ValueTask<long> RedisIncrement() => _redisCounters.IncrementAsync("orders/desk-1", TimeProvider.System.GetUtcNow(), Window);

    [BenchmarkCategory("Increment"), Benchmark(OperationsPerInvoke = InFlight, Description = "Redis increment (64 in flight, per increment)")]
    public async Task RedisIncrementConcurrent()
    {
        var at = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < InFlight; i++)
        {
            _tasks[i] = _redisCounters.IncrementAsync("orders/desk-2", at, Window).AsTask();
        }

        await Task.WhenAll(_tasks).ConfigureAwait(false);
    }

    [BenchmarkCategory("ThrottleCheck"), Benchmark(Baseline = true, Description = "In-memory sign-in throttle check")]
    public ValueTask<ThrottleDecision> MemoryThrottle() => _memoryThrottle.CheckAsync("alice", "10.0.0.1");

    [BenchmarkCategory("ThrottleCheck"), Benchmark(Description = "Redis sign-in throttle check (fleet-shared)")]
    public ValueTask<ThrottleDecision> RedisThrottle() => _redisThrottle.CheckAsync("alice", "10.0.0.1");

    [BenchmarkCategory("RevocationCheck"), Benchmark(Baseline = true, Description = "In-memory token revocation check")]
    public ValueTask<bool> MemoryRevocation() => _memoryRevocation.IsRevokedAsync("u_bench", "s_bench", _issuedAt);

    [BenchmarkCategory("RevocationCheck"), Benchmark(Description = "Redis token revocation check (cached, pub/sub invalidated)")]
    public ValueTask<bool> RedisRevocationCached() => _redisRevocation.IsRevokedAsync("u_bench", "s_bench", _issuedAt);

    [BenchmarkCategory("RevocationCheck"), Benchmark(Description = "Redis token revocation check (no cache)")]
    public ValueTask<bool> RedisRevocationUncached() => _redisUncachedRevocation.IsRevokedAsync("u_bench", "s_bench", _issuedAt);
}
