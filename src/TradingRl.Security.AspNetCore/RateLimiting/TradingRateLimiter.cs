using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Primitives;

namespace TradingRl.Security.AspNetCore.RateLimiting;

/// <summary>The global limiter given to ASP.NET Core's rate-limiting middleware: a token bucket per user, then one per user and endpoint.</summary>
/// <remarks>
/// Sets the rate-limit headers on every limited response; a refusal carries which limit refused and when to retry.
/// One dictionary look-up per request finds the user's state, which holds the user's bucket and the user's endpoint
/// buckets under one lock; buckets refill continuously from the <see cref="TimeProvider"/>'s clock when used, so no
/// timer runs per bucket. A bucket left alone long enough to be full again is equal to a new one, so idle users are
/// dropped by a sweep at most once a minute.
/// </remarks>
internal sealed class TradingRateLimiter : PartitionedRateLimiter<HttpContext>
{
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";

    // Unmatched paths share one partition, so random URLs cannot create unbounded buckets.
    private const string Unmatched = "(unmatched)";

    private static readonly StringValues[] SmallNumbers = CreateSmallNumbers();
    private static readonly RateLimitLease Acquired = new AcquiredLease();

    private readonly BucketShape _user;
    private readonly BucketShape _endpoint;
    private readonly TimeProvider _time;
    private readonly long _idleTicks;
    private readonly ConcurrentDictionary<(bool Authenticated, string Id), UserState> _users = new();
    private long _nextSweep;

    public TradingRateLimiter(TradingRateLimitOptions options, TimeProvider timeProvider)
    {
        _user = new BucketShape(options.UserPerMinute, options.UserBurst, timeProvider.TimestampFrequency);
        _endpoint = new BucketShape(options.EndpointPerMinute, options.EndpointBurst, timeProvider.TimestampFrequency);
        _time = timeProvider;
        _idleTicks = Math.Max(_user.TicksToFull, _endpoint.TicksToFull);
        _nextSweep = timeProvider.GetTimestamp() + timeProvider.TimestampFrequency * 60;
    }

    /// <summary>Gets the number of users (and anonymous addresses) with state.</summary>
    internal int TrackedUsers => _users.Count;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource)
    {
        var now = _time.GetTimestamp();
        if (!_users.TryGetValue(UserKey(resource), out var state))
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _user.Limit };
        }

        lock (state)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = (long)state.User.Available(_user, now) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        var now = _time.GetTimestamp();
        SweepIfDue(now);
        var endpointName = resource.GetEndpoint()?.DisplayName ?? Unmatched;
        var key = UserKey(resource);
        double userLeft, endpointLeft;
        while (true)
        {
            var state = _users.GetOrAdd(key, static (_, a) => new UserState(a.Shape, a.Now), (Shape: _user, Now: now));
            lock (state)
            {
                if (state.Removed)
                {
                    continue;
                }

                state.LastUsed = now;
                if (!state.User.TryTake(_user, now, permitCount, out userLeft))
                {
                    return Refused(resource, RateLimitScope.User, _user, state.User.TicksUntil(_user, permitCount));
                }

                // As with two chained limiters, the user's token stays spent when the endpoint refuses.
                if (!state.Endpoints.TryGetValue(endpointName, out var endpoint))
                {
                    endpoint = new Bucket(_endpoint, now);
                    state.Endpoints.Add(endpointName, endpoint);
                }

                if (!endpoint.TryTake(_endpoint, now, permitCount, out endpointLeft))
                {
                    return Refused(resource, RateLimitScope.Endpoint, _endpoint, endpoint.TicksUntil(_endpoint, permitCount));
                }

                break;
            }
        }

        var (shape, left) = endpointLeft <= userLeft ? (_endpoint, endpointLeft) : (_user, userLeft);
        var h = resource.Response.Headers;
        h[LimitHeader] = shape.LimitValue;
        h[RemainingHeader] = Number((long)left);
        h[ResetHeader] = shape.ResetValue;
        return Acquired;
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    internal static (bool Authenticated, string Id) UserKey(HttpContext c)
    {
        // The bearer principal's subject is the name of its identity on HttpContext.User; read directly, it costs no
        // walk over the principal's identities.
        if (c.GetSecurityPrincipal() is { } principal)
        {
            return (true, principal.Subject);
        }

        var identity = c.Features.Get<IHttpAuthenticationFeature>()?.User?.Identity;
        if (identity is { IsAuthenticated: true, Name: { } name })
        {
            return (true, name);
        }

        return (false, c.Connection.RemoteIpAddress?.ToString() ?? "unknown");
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

    private RefusedLease Refused(HttpContext c, RateLimitScope scope, BucketShape shape, long ticks)
    {
        var retryAfter = TimeSpan.FromSeconds(Math.Max((double)ticks / _time.TimestampFrequency, shape.Period.TotalSeconds));
        var h = c.Response.Headers;
        h[LimitHeader] = shape.LimitValue;
        h[RemainingHeader] = Number(0);
        h[ResetHeader] = Number(Seconds(retryAfter));
        return new RefusedLease(scope, retryAfter, shape.Limit);
    }

    private void SweepIfDue(long now)
    {
        var due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _time.TimestampFrequency * 60, due) != due)
        {
            return;
        }

        foreach (var (key, state) in _users)
        {
            lock (state)
            {
                if (now - state.LastUsed >= _idleTicks)
                {
                    // Every bucket of an idle state is full again, so a new state equals it; a request that took this
                    // one before the sweep sees Removed under the lock and looks again.
                    state.Removed = true;
                    _users.TryRemove(new KeyValuePair<(bool, string), UserState>(key, state));
                }
            }
        }
    }

    /// <summary>The size and refill rate of one kind of bucket.</summary>
    private sealed class BucketShape
    {
        public BucketShape(int perMinute, int burst, long frequency)
        {
            Limit = burst;
            TicksPerToken = 60.0 * frequency / perMinute;
            TicksToFull = (long)Math.Ceiling(burst * TicksPerToken);

            // The period a token takes to come back, for RateLimit-Reset: one minute spread over the rate.
            Period = TimeSpan.FromTicks(TimeSpan.TicksPerMinute / perMinute);

            // The header values of a granted request, made once: only RateLimit-Remaining changes per request.
            LimitValue = Number(burst);
            ResetValue = Number(Seconds(Period));
        }

        public int Limit { get; }

        public StringValues LimitValue { get; }

        public StringValues ResetValue { get; }

        public double TicksPerToken { get; }

        public long TicksToFull { get; }

        public TimeSpan Period { get; }
    }

    /// <summary>A token bucket refilled from the clock when used; guarded by the lock of its <see cref="UserState"/>.</summary>
    private sealed class Bucket(BucketShape shape, long now)
    {
        private double _tokens = shape.Limit;
        private long _updated = now;

        public double Available(BucketShape s, long now)
        {
            if (now > _updated)
            {
                _tokens = Math.Min(s.Limit, _tokens + ((now - _updated) / s.TicksPerToken));
                _updated = now;
            }

            return _tokens;
        }

        public bool TryTake(BucketShape s, long now, int count, out double left)
        {
            var available = Available(s, now);
            if (available < count)
            {
                left = available;
                return false;
            }

            _tokens = left = available - count;
            return true;
        }

        public long TicksUntil(BucketShape s, int count) => (long)Math.Ceiling((count - _tokens) * s.TicksPerToken);
    }

    /// <summary>One user's buckets: across all endpoints, and per endpoint; guarded by its own lock.</summary>
    private sealed class UserState(BucketShape user, long now)
    {
        public Bucket User { get; } = new(user, now);

        public Dictionary<string, Bucket> Endpoints { get; } = new(StringComparer.Ordinal);

        public long LastUsed { get; set; } = now;

        /// <summary>Gets or sets a value indicating whether the sweep dropped this state; a request holding it looks again.</summary>
        public bool Removed { get; set; }
    }

    private sealed class AcquiredLease : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
