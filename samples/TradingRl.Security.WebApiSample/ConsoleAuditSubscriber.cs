using System.Globalization;
using TradingRl.Security.Events;

namespace TradingRl.Security.WebApiSample;

/// <summary>Prints the security events the stack publishes: the request audit, denials, rate-limit and validation failures.</summary>
internal sealed class ConsoleAuditSubscriber : ISecurityEventSubscriber
{
    public string Name => "console-audit";

    public ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events.Span)
        {
            var detail = e.Type == SecurityEventTypes.ApiRequest.Type
                ? $"{e.GetProperty("method")} {e.GetProperty("path")} -> {e.GetProperty("status")} in {e.GetProperty("latency_us")} us"
                : string.Join(" ", e.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [event] {e.Type,-24} actor={e.Actor ?? "-",-10} {detail}"));
        }

        return ValueTask.CompletedTask;
    }
}
