using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace TradingRl.Security.AspNetCore.RateLimiting;

/// <summary>The global limiter given to ASP.NET Core's rate-limiting middleware: a token bucket per user, then one per user and endpoint.</summary>
/// <remarks>Sets the rate-limit headers on every limited response; a refusal carries which limit refused and when to retry.</remarks>
internal sealed class TradingRateLimiter : PartitionedRateLimiter<HttpContext>
{
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";

    // Unmatched paths share one partition, so random URLs cannot create unbounded buckets.
    private const string Unmatched = "(unmatched)";

    private static readonly StringValues[] SmallNumbers = CreateSmallNumbers();

    private readonly PartitionedRateLimiter<HttpContext> _user;
    private readonly PartitionedRateLimiter<HttpContext> _endpoint;
    private readonly TokenBucketRateLimiterOptions _userOptions;
    private readonly TokenBucketRateLimiterOptions _endpointOptions;

    public TradingRateLimiter(TradingRateLimitOptions options)
    {
        _userOptions = Bucket(options.UserPerMinute, options.UserBurst);
        _endpointOptions = Bucket(options.EndpointPerMinute, options.EndpointBurst);
        // The partition factories are made once: a lambda written inside the partitioner would be a new delegate per request.
        Func<(bool, string), TokenBucketRateLimiterOptions> userBucket = _ => _userOptions;
        Func<(string, bool, string), TokenBucketRateLimiterOptions> endpointBucket = _ => _endpointOptions;
        _user = PartitionedRateLimiter.Create<HttpContext, (bool Authenticated, string Id)>(c =>
            RateLimitPartition.GetTokenBucketLimiter(UserKey(c), userBucket));
        _endpoint = PartitionedRateLimiter.Create<HttpContext, (string Endpoint, bool Authenticated, string Id)>(c =>
        {
            var (authenticated, id) = UserKey(c);
            return RateLimitPartition.GetTokenBucketLimiter((c.GetEndpoint()?.DisplayName ?? Unmatched, authenticated, id), endpointBucket);
        });
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => _user.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var user = _user.AttemptAcquire(resource, permitCount);
        if (!user.IsAcquired)
        {
            return Refused(resource, user, RateLimitScope.User, _userOptions);
        }

        var endpoint = _endpoint.AttemptAcquire(resource, permitCount);
        if (!endpoint.IsAcquired)
        {
            user.Dispose();
            return Refused(resource, endpoint, RateLimitScope.Endpoint, _endpointOptions);
        }

        SetHeaders(resource);
        user.Dispose();
        return endpoint;
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _user.Dispose();
            _endpoint.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _user.DisposeAsync().ConfigureAwait(false);
        await _endpoint.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    internal static (bool Authenticated, string Id) UserKey(HttpContext c)
    {
        var identity = c.User.Identity;
        if (identity is { IsAuthenticated: true, Name: { } name })
        {
            return (true, name);
        }

        return (false, c.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static TokenBucketRateLimiterOptions Bucket(int perMinute, int burst)
    {
        // The partitioned limiter replenishes every 100 ms, so a period never goes below that: faster rates add more tokens per period.
        var tokensPerPeriod = Math.Max(1, perMinute / 600);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerMinute * tokensPerPeriod / perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static StringValues Number(long n) =>
        n >= 0 && n < SmallNumbers.Length ? SmallNumbers[n] : new StringValues(n.ToString(CultureInfo.InvariantCulture));

    private static StringValues[] CreateSmallNumbers()
    {
        var a = new StringValues[256];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return a;
    }

    private static long Seconds(TimeSpan t) => Math.Max(1, (long)Math.Ceiling(t.TotalSeconds));

    private void SetHeaders(HttpContext c)
    {
        var user = _user.GetStatistics(c);
        var endpoint = _endpoint.GetStatistics(c);
        var userLeft = user?.CurrentAvailablePermits ?? 0;
        var endpointLeft = endpoint?.CurrentAvailablePermits ?? 0;
        var (limit, left, period) = endpointLeft <= userLeft
            ? (_endpointOptions.TokenLimit, endpointLeft, _endpointOptions.ReplenishmentPeriod)
            : (_userOptions.TokenLimit, userLeft, _userOptions.ReplenishmentPeriod);
        var h = c.Response.Headers;
        h[LimitHeader] = Number(limit);
        h[RemainingHeader] = Number(left);
        h[ResetHeader] = Number(Seconds(period));
    }

    private static RefusedLease Refused(HttpContext c, RateLimitLease inner, RateLimitScope scope, TokenBucketRateLimiterOptions options)
    {
        var retryAfter = inner.TryGetMetadata(MetadataName.RetryAfter, out var r) && r > TimeSpan.Zero ? r : options.ReplenishmentPeriod;
        inner.Dispose();
        var h = c.Response.Headers;
        h[LimitHeader] = Number(options.TokenLimit);
        h[RemainingHeader] = Number(0);
        h[ResetHeader] = Number(Seconds(retryAfter));
        return new RefusedLease(scope, retryAfter, options.TokenLimit);
    }
}
