using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Stores.Redis;

/// <summary>Settings of the Redis stores: the server, the key prefix, timeouts and expiry margins.</summary>
public sealed class RedisStoreOptions
{
    /// <summary>Gets or sets the StackExchange.Redis configuration string, e.g. <c>redis-1:6379,password=...,ssl=true</c>.</summary>
    /// <value>Required. <c>allowAdmin=true</c> is refused. Never logged or put in an exception message (it may hold a password).</value>
    [Required]
    public string? Configuration { get; set; }

    /// <summary>Gets or sets the prefix of every key and channel the stores use, so several suites (or tests) can share one server.</summary>
    /// <value>Default <c>tradingrl:</c>; 1 to 64 characters of letters, digits and <c>:_-.{}</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z0-9:_.{}-]{1,64}$")]
    public string KeyPrefix { get; set; } = "tradingrl:";

    /// <summary>Gets or sets how long a connection attempt may take.</summary>
    /// <value>Default 5 seconds; 100 ms to 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long one command may take before the call fails with <see cref="RedisStoreUnavailableException"/>.</summary>
    /// <value>Default 2 seconds; 100 ms to 1 minute. A security decision waits at most this long before failing closed.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how long a host may answer a token's revocation check from its local cache of the session and user.</summary>
    /// <value>Default 1 second; 0 (no cache: every check reads Redis) to 10 seconds.</value>
    /// <remarks>Revocations made through <c>RedisSessionStore</c> reach every host's cache at once by pub/sub; this bounds the staleness when a message is lost and for user changes, which are not published.</remarks>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan TokenRevocationCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long after a session or counter entry can no longer count its Redis key is kept before it expires.</summary>
    /// <value>Default 1 minute; 1 second to 1 day. Covers clock drift between hosts and Redis; decisions never depend on it.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ExpiryMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long a lockout state (and so the count that doubles the next lockout) is kept after the lock ends.</summary>
    /// <value>Default 30 days; 1 day to 365 days. Locks until an administrator unlocks never expire.</value>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan LockoutHistoryRetention { get; set; } = TimeSpan.FromDays(30);
}
