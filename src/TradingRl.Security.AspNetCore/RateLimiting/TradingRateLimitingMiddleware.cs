using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.AspNetCore.RateLimiting;

/// <summary>ASP.NET Core's rate-limiting middleware with a fast path: a request to an endpoint without rate-limiting metadata is limited here by <see cref="TradingRateLimiter"/> alone.</summary>
/// <remarks>
/// <para>For such an endpoint ASP.NET Core's middleware applies only the global limiter (ours): its endpoint limiter
/// finds no policy and grants a no-op lease. The fast path asks <see cref="TradingRateLimiter"/> once and, on a refusal,
/// answers as that middleware does (the options' rejection status code, then their <c>OnRejected</c>, which is
/// <see cref="RateLimiterSetup"/>'s unless the host replaced it). It skips what that middleware costs per request: the
/// endpoint limiter's partition look-up under its lock, a closure, the combined lease and the async state machines.</para>
/// <para>Used only while the options' global limiter is our <see cref="TradingRateLimiter"/>, whose acquire never queues
/// and whose granted lease holds nothing. An endpoint with <c>RequireRateLimiting</c> or <c>DisableRateLimiting</c>
/// metadata goes through ASP.NET Core's middleware unchanged, as does every request of a host that set another global
/// limiter. The fast path does not record ASP.NET Core's <c>aspnetcore.rate_limiting</c> metrics; refusals are still
/// published as <c>api.rate_limit.exceeded</c> events.</para>
/// </remarks>
internal sealed partial class TradingRateLimitingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RequestDelegate _standard;
    private readonly TradingRateLimiter _limiter;
    private readonly RateLimiterOptions _options;
    private readonly ILogger _logger;

    private TradingRateLimitingMiddleware(RequestDelegate next, RequestDelegate standard, TradingRateLimiter limiter, RateLimiterOptions options, ILogger logger)
    {
        _next = next;
        _standard = standard;
        _limiter = limiter;
        _options = options;
        _logger = logger;
    }

    /// <summary>Adds rate limiting to the pipeline: the fast path when the options' global limiter is ours, else ASP.NET Core's middleware alone.</summary>
    public static void Use(IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var options = services.GetRequiredService<IOptions<RateLimiterOptions>>().Value;
        var limiter = services.GetRequiredService<TradingRateLimiter>();
        if (!ReferenceEquals(options.GlobalLimiter, limiter))
        {
            app.UseRateLimiter();
            return;
        }

        var logger = services.GetRequiredService<ILogger<TradingRateLimitingMiddleware>>();
        app.Use(next =>
        {
            // ASP.NET Core's middleware in a branch that continues with the rest of this pipeline.
            var branch = app.New();
            branch.UseRateLimiter();
            branch.Run(next);
            return new TradingRateLimitingMiddleware(next, branch.Build(), limiter, options, logger).InvokeAsync;
        });
    }

    public Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata is not null
            && (metadata.GetMetadata<EnableRateLimitingAttribute>() is not null || metadata.GetMetadata<DisableRateLimitingAttribute>() is not null))
        {
            return _standard(context);
        }

        var lease = _limiter.AttemptAcquire(context);

        // A granted lease of ours is a shared instance holding nothing: there is nothing to release after the request.
        return lease.IsAcquired ? _next(context) : RejectAsync(context, lease);
    }

    private async Task RejectAsync(HttpContext context, System.Threading.RateLimiting.RateLimitLease lease)
    {
        using (lease)
        {
            LogRejected(_logger);
            context.Response.StatusCode = _options.RejectionStatusCode;
            if (_options.OnRejected is { } onRejected)
            {
                await onRejected(new OnRejectedContext { HttpContext = context, Lease = lease }, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Rate limits exceeded, rejecting this request.")]
    private static partial void LogRejected(ILogger logger);
}
