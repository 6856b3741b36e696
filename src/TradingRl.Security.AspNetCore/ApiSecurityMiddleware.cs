using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using TradingRl.Security.AspNetCore.Headers;
using TradingRl.Security.AspNetCore.Http;
using TradingRl.Security.Events;

namespace TradingRl.Security.AspNetCore;

/// <summary>The outermost layer: security headers on every response, the request size limit, a problem response for unhandled errors, and the request audit event.</summary>
internal sealed partial class ApiSecurityMiddleware
{
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues NoStoreValue = "no-store";

    private readonly RequestDelegate _next;
    private readonly SecurityHeaderValues _headers;
    private readonly long _maxBody;
    private readonly bool _audit;
    private readonly ISecurityEventPublisher _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<object, Task> _applyHeaders;

    public ApiSecurityMiddleware(RequestDelegate next, IOptions<TradingApiOptions> options, ISecurityEventPublisher events, TimeProvider timeProvider, ILogger<ApiSecurityMiddleware> logger)
    {
        _next = next;
        var o = options.Value;
        _headers = new SecurityHeaderValues(o.Headers);
        _maxBody = o.MaxRequestBodyBytes;
        _audit = o.AuditRequests;
        _events = events;
        _time = timeProvider;
        _logger = logger;
        _applyHeaders = state => ApplyHeaders((HttpContext)state);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = _time.GetTimestamp();
        // Applied when the response starts, so headers survive anything that clears the response before (errors included).
        context.Response.OnStarting(_applyHeaders, context);
        try
        {
            var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature is { IsReadOnly: false })
            {
                sizeFeature.MaxRequestBodySize = _maxBody;
            }

            if (context.Request.ContentLength > _maxBody)
            {
                await ProblemWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"The request body may be at most {_maxBody.ToString(CultureInfo.InvariantCulture)} bytes.", "body_too_large").ConfigureAwait(false);
                return;
            }

            await _next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals (body over the limit, a truncated body): answered, not crashed.
            context.Response.Clear();
            var tooLarge = ex.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await ProblemWriter.WriteAsync(context, ex.StatusCode, tooLarge ? "Request body too large" : "Bad request",
                tooLarge ? $"The request body may be at most {_maxBody.ToString(CultureInfo.InvariantCulture)} bytes." : "The request could not be read.",
                tooLarge ? "body_too_large" : "bad_request").ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // No exception detail reaches the client: it may hold internals.
            LogUnhandled(_logger, ex, context.Request.Method, context.Request.Path.Value ?? "/");
            context.Response.Clear();
            await ProblemWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error",
                "The request failed; the error was logged with the trace id.", "internal_error").ConfigureAwait(false);
        }
        finally
        {
            if (_audit)
            {
                await AuditAsync(context, started).ConfigureAwait(false);
            }
        }
    }

    private Task ApplyHeaders(HttpContext context)
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = _headers.ContentSecurityPolicy;
        h.XContentTypeOptions = NoSniff;
        h.XFrameOptions = _headers.FrameOptions;
        h["Referrer-Policy"] = _headers.ReferrerPolicy;
        h["Permissions-Policy"] = _headers.PermissionsPolicy;
        h.Remove(HeaderNames.XXSSProtection);
        if (_headers.NoStore && StringValues.IsNullOrEmpty(h.CacheControl))
        {
            h.CacheControl = NoStoreValue;
        }

        if (context.Request.IsHttps && !StringValues.IsNullOrEmpty(_headers.Hsts))
        {
            h.StrictTransportSecurity = _headers.Hsts;
        }

        return Task.CompletedTask;
    }

    private async ValueTask AuditAsync(HttpContext context, long started)
    {
        try
        {
            await _events.PublishAsync(CreateAuditEvent(context, started), CancellationToken.None).ConfigureAwait(false);
        }
        catch (SecurityEventPipelineClosedException ex)
        {
            LogAuditFailed(_logger, ex);
        }
    }

    private SecurityEvent CreateAuditEvent(HttpContext context, long started)
    {
        var request = context.Request;
        var elapsed = _time.GetElapsedTime(started);
        var feature = context.Features.Get<TradingRequestFeature>();
        var endpoint = context.GetEndpoint();
        var status = context.Response.StatusCode;
        var path = Bounded(request.Path.Value is { Length: > 0 } p ? p : "/");

        // The pairs live on the stack, listed in ordinal order of their names so the event's copy needs no sort.
        var buffer = default(AuditProperties);
        Span<KeyValuePair<string, string>> properties = buffer;
        var count = 0;
        properties[count++] = new("action", Bounded(endpoint?.DisplayName ?? "unmatched"));
        if (feature?.AuthenticationFailure is { } authFailure)
        {
            properties[count++] = new("auth_failure", authFailure);
        }

        if (feature?.DenyReason is { } deny)
        {
            properties[count++] = new("deny_reason", deny);
        }

        properties[count++] = new("latency_us", ((long)elapsed.TotalMicroseconds).ToString(CultureInfo.InvariantCulture));
        properties[count++] = new("method", Bounded(request.Method));
        properties[count++] = new("path", path);
        properties[count++] = new("status", status.ToString(CultureInfo.InvariantCulture));
        var agent = request.Headers.UserAgent;
        if (!StringValues.IsNullOrEmpty(agent))
        {
            properties[count++] = new("user_agent", Bounded(agent.ToString()));
        }

        return new SecurityEvent(SecurityEventTypes.ApiRequest.Type, SecurityEventTypes.ApiRequest.DefaultSeverity, _time.GetUtcNow())
        {
            Actor = feature?.Principal?.Subject,
            SourceAddress = context.Connection.RemoteIpAddress?.ToString(),
            Resource = path,
            Outcome = status < 400 ? SecurityOutcome.Success : status is 401 or 403 or 429 ? SecurityOutcome.Denied : SecurityOutcome.Failure,
            CorrelationId = Bounded(context.TraceIdentifier),
            Properties = SecurityEventProperties.Create(properties[..count]),
        };
    }

    private static string Bounded(string value) => value.Length <= SecurityEvent.MaxValueLength ? value : value[..SecurityEvent.MaxValueLength];

    /// <summary>Room for the at most eight properties of an <c>api.request</c> event.</summary>
    [InlineArray(8)]
    private struct AuditProperties
    {
        private KeyValuePair<string, string> _first;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}; answered 500 with problem details.")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The request audit event could not be published: the event pipeline is closed.")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception);
}
