using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRl.Security.AspNetCore.Http;
using TradingRl.Security.Events;

namespace TradingRl.Security.AspNetCore.RateLimiting;

/// <summary>Points ASP.NET Core's rate limiter at <see cref="TradingRateLimiter"/> and answers refusals: 429, <c>Retry-After</c>, problem details, an <c>api.rate_limit.exceeded</c> event.</summary>
internal sealed partial class RateLimiterSetup(TradingRateLimiter limiter, ISecurityEventPublisher events, TimeProvider timeProvider, ILogger<RateLimiterSetup> logger)
    : IConfigureOptions<RateLimiterOptions>
{
    public void Configure(RateLimiterOptions options)
    {
        options.GlobalLimiter = limiter;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = OnRejectedAsync;
    }

    private async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var refused = context.Lease as RefusedLease;
        var retryAfter = refused?.RetryAfter ?? TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var scope = refused?.Scope == RateLimitScope.Endpoint ? "endpoint" : "user";
        try
        {
            var (authenticated, id) = TradingRateLimiter.UserKey(http);
            await events.PublishAsync(new SecurityEvent(SecurityEventTypes.RateLimitExceeded.Type, SecurityEventTypes.RateLimitExceeded.DefaultSeverity, timeProvider.GetUtcNow())
            {
                Actor = authenticated ? id : null,
                SourceAddress = http.Connection.RemoteIpAddress?.ToString(),
                Resource = http.Request.Path.Value is { Length: > 0 and <= SecurityEvent.MaxValueLength } p ? p : "/",
                Outcome = SecurityOutcome.Denied,
                CorrelationId = http.TraceIdentifier.Length <= SecurityEvent.MaxValueLength ? http.TraceIdentifier : null,
                Properties = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["scope"] = scope,
                    ["limit"] = (refused?.Limit ?? 0).ToString(CultureInfo.InvariantCulture),
                    ["retry_after_s"] = seconds.ToString(CultureInfo.InvariantCulture),
                    ["action"] = http.GetEndpoint()?.DisplayName is { Length: <= SecurityEvent.MaxValueLength } a ? a : "unmatched",
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SecurityEventPipelineClosedException ex)
        {
            LogPublishFailed(logger, ex);
        }

        await ProblemWriter.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"The {scope} rate limit was exceeded; retry after {seconds.ToString(CultureInfo.InvariantCulture)} s.", "rate_limited").ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "A rate-limit violation could not be published: the event pipeline is closed.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
