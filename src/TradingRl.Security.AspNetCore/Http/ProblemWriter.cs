using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TradingRl.Security.AspNetCore.Validation;

namespace TradingRl.Security.AspNetCore.Http;

/// <summary>Writes RFC 9457 problem details (<c>application/problem+json</c>).</summary>
internal static class ProblemWriter
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? code = null, IReadOnlyList<FieldError>? errors = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            // The unread rest of the body cannot be drained within the limit, so the server drops the connection:
            // say so, or a client reusing it loses its next request.
            response.Headers.Connection = "close";
        }

        response.ContentType = ContentType;
        using var buffer = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "about:blank");
            w.WriteString("title", title);
            w.WriteNumber("status", status);
            w.WriteString("detail", detail);
            w.WriteString("instance", context.Request.Path.Value is { Length: > 0 and <= 512 } p ? p : "/");
            if (code is not null)
            {
                w.WriteString("code", code);
            }

            if (errors is { Count: > 0 })
            {
                w.WriteStartArray("errors");
                foreach (var e in errors)
                {
                    w.WriteStartObject();
                    w.WriteString("pointer", e.Pointer);
                    w.WriteString("code", e.Code);
                    w.WriteString("detail", e.Detail);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteString("traceId", context.TraceIdentifier);
            w.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
