using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TradingRl.Security.Diagnostics;

namespace TradingRl.Security.Stores.Redis;

/// <summary>The one <see cref="IConnectionMultiplexer"/> the Redis stores of a host share, with the key prefix and the fail-closed error mapping.</summary>
/// <remarks>
/// Thread-safe. Connects on first use and never aborts on a failed connect: while Redis is down every call fails with
/// <see cref="RedisStoreUnavailableException"/> within <see cref="RedisStoreOptions.OperationTimeout"/>, and the
/// multiplexer reconnects in the background when Redis returns.
/// </remarks>
public sealed partial class RedisConnection : IDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _unavailable;
    private readonly ILogger _logger;

    /// <summary>Initializes the connection (it connects on first use).</summary>
    /// <param name="options">The Redis settings.</param>
    /// <param name="meterFactory">Creates the suite's meter; a private meter when omitted.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    public RedisConnection(IOptions<RedisStoreOptions> options, IMeterFactory? meterFactory = null, ILogger<RedisConnection>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        if (string.IsNullOrWhiteSpace(Options.Configuration))
        {
            throw new ArgumentException("RedisStoreOptions.Configuration is required: give the StackExchange.Redis configuration string, e.g. redis-1:6379.", nameof(options));
        }

        KeyPrefix = Options.KeyPrefix;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _unavailable = _meter.CreateCounter<long>(RedisStoreTelemetry.StoreUnavailable, "{operation}", "Store operations refused because Redis was unreachable or too slow.");
        RevocationCacheHits = _meter.CreateCounter<long>(RedisStoreTelemetry.RevocationCacheHits, "{check}", "Token revocation checks answered from the local cache.");
        _multiplexer = new Lazy<Task<ConnectionMultiplexer>>(ConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the settings.</summary>
    public RedisStoreOptions Options { get; }

    /// <summary>Gets the prefix of every key and channel.</summary>
    public string KeyPrefix { get; }

    /// <summary>Gets the shared multiplexer, connecting on first use (and waiting for it: prefer <see cref="GetMultiplexerAsync"/>).</summary>
    public IConnectionMultiplexer Multiplexer => _multiplexer.Value.GetAwaiter().GetResult();

    /// <summary>Gets the shared multiplexer, connecting on first use without blocking a thread.</summary>
    /// <returns>The multiplexer; connected, or reconnecting in the background when Redis is down.</returns>
    public async ValueTask<IConnectionMultiplexer> GetMultiplexerAsync() => await _multiplexer.Value.ConfigureAwait(false);

    internal Counter<long> RevocationCacheHits { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            _multiplexer.Value.Result.Dispose();
        }

        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    // Synchronous once connected; the first callers await the one connection attempt instead of blocking pool threads.
    internal ValueTask<IDatabase> GetDatabaseAsync()
    {
        var t = _multiplexer.Value;
        return t.IsCompletedSuccessfully ? new(t.Result.GetDatabase()) : Slow(t);

        static async ValueTask<IDatabase> Slow(Task<ConnectionMultiplexer> t) => (await t.ConfigureAwait(false)).GetDatabase();
    }

    internal RedisKey Key(string area, string key) => KeyPrefix + area + key;

    internal static bool IsUnavailable(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,

        // A server that is loading its data, a replica without its primary, or a script timeout: unavailable, not a bug.
        RedisServerException s => s.Message.StartsWith("LOADING", StringComparison.Ordinal) || s.Message.StartsWith("BUSY", StringComparison.Ordinal)
            || s.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal) || s.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || s.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal),
        _ => false,
    };

    internal RedisStoreUnavailableException Unavailable(Exception ex, string operation)
    {
        _unavailable.Add(1, new KeyValuePair<string, object?>("store", "redis"), new KeyValuePair<string, object?>("operation", operation));
        LogUnavailable(_logger, operation, ex.GetType().Name);
        return new RedisStoreUnavailableException(
            $"The Redis store could not complete '{operation}' ({ex.GetType().Name}): the decision is refused. Check that Redis is running and reachable; the connection recovers by itself when it is.",
            ex)
        {
            Operation = operation,
        };
    }

    private Task<ConnectionMultiplexer> ConnectAsync()
    {
        var config = ConfigurationOptions.Parse(Options.Configuration!);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = (int)Options.ConnectTimeout.TotalMilliseconds;
        config.SyncTimeout = (int)Options.OperationTimeout.TotalMilliseconds;
        config.AsyncTimeout = (int)Options.OperationTimeout.TotalMilliseconds;
        config.ConnectRetry = 1;
        return ConnectionMultiplexer.ConnectAsync(config);
    }

    [LoggerMessage(EventId = 10_001, Level = LogLevel.Warning, Message = "Redis store operation {Operation} failed ({ExceptionType}); the decision was refused.")]
    private static partial void LogUnavailable(ILogger logger, string operation, string exceptionType);
}
