using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TradingRl.Security.AspNetCore.Http;
using TradingRl.Security.Events;

namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>Validates the body of endpoints marked with <c>RequireOrderSchema()</c> before authorization, so ABAC rules see the order's account, instrument and notional.</summary>
/// <remarks>An unauthenticated request to a protected endpoint is passed through unread: authorization answers it with 401 and its body is never parsed.</remarks>
internal sealed class OrderValidationMiddleware(RequestDelegate next, IOptions<TradingApiOptions> options, ISecurityEventPublisher events, TimeProvider timeProvider)
{
    private readonly OrderRequestValidator _validator = new(options.Value.Orders);
    private readonly long _maxBody = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        // Most endpoints take no order: passed on without an async step of this middleware's own.
        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<OrderSchemaMetadata>() is null ? next(context) : ValidateAsync(context, endpoint);
    }

    private async Task ValidateAsync(HttpContext context, Endpoint endpoint)
    {
        var needsUser = endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
        if (needsUser && context.User.Identity?.IsAuthenticated != true)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!IsJson(context.Request.ContentType))
        {
            await ProblemWriter.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "The body must be application/json in UTF-8.", "unsupported_media_type").ConfigureAwait(false);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(_maxBody + 1, (context.Request.ContentLength ?? 4_095) + 1));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > _maxBody)
                    {
                        break;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(_maxBody + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > _maxBody)
            {
                await ProblemWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"The request body may be at most {_maxBody.ToString(CultureInfo.InvariantCulture)} bytes.", "body_too_large").ConfigureAwait(false);
                return;
            }

            var result = _validator.Validate(buffer.AsSpan(0, length));
            if (!result.IsValid)
            {
                await PublishAsync(context, result).ConfigureAwait(false);
                await ProblemWriter.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid order request",
                    "The order request does not match the schema; see errors.", "validation_failed", result.Errors).ConfigureAwait(false);
                return;
            }

            context.TradingFeature().Order = result.Order;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private ValueTask PublishAsync(HttpContext context, OrderValidationResult result)
    {
        var fields = string.Join(",", result.Errors.Select(static e => e.Pointer).Distinct(StringComparer.Ordinal).Take(16));
        return events.PublishAsync(new SecurityEvent(SecurityEventTypes.InputValidationFailed.Type, SecurityEventTypes.InputValidationFailed.DefaultSeverity, timeProvider.GetUtcNow())
        {
            Actor = context.GetSecurityPrincipal()?.Subject,
            SourceAddress = context.Connection.RemoteIpAddress?.ToString(),
            Resource = context.Request.Path.Value is { Length: > 0 and <= SecurityEvent.MaxValueLength } p ? p : "/",
            Outcome = SecurityOutcome.Denied,
            Properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["schema"] = "order",
                ["error_count"] = result.Errors.Count.ToString(CultureInfo.InvariantCulture),
                ["fields"] = fields.Length <= SecurityEvent.MaxValueLength ? fields : fields[..SecurityEvent.MaxValueLength],
            },
        });
    }
}
