using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests;

/// <summary>A recorded day of security events with known counts, as the other packages would publish them.</summary>
internal static class RecordedEventStream
{
    public static readonly DateOnly Day = new(2026, 12, 3);
    private static readonly DateTimeOffset Morning = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public static SecurityEvent Event(SecurityEventDescriptor type, int minute, string? reason = null, string? actor = "agent-1", string? resource = null)
    {
        var properties = reason is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["reason"] = reason };
        return new SecurityEvent(type.Type, type.DefaultSeverity, Morning.AddMinutes(minute)) { Actor = actor, Resource = resource, Properties = properties };
    }

    // 5 submitted, 3 denied (2 order_rate_limit, 1 price_collar), violations: daily_loss_limit, position_limit, late_report,
    // best_execution_outlier; 1 state change, 1 kill-switch engage and release, 2 surveillance alerts, 1 trade report,
    // 1 login (not a compliance type), and 1 event the next day.
    public static List<SecurityEvent> Build()
    {
        var list = new List<SecurityEvent>();
        for (var i = 0; i < 5; i++)
        {
            list.Add(Event(SecurityEventTypes.OrderSubmitted, i, resource: "order/" + i));
        }

        list.Add(Event(SecurityEventTypes.OrderDenied, 10, "order_rate_limit"));
        list.Add(Event(SecurityEventTypes.OrderDenied, 11, "order_rate_limit"));
        list.Add(Event(SecurityEventTypes.OrderDenied, 12, "price_collar"));
        list.Add(Event(SecurityEventTypes.ComplianceViolation, 20, "daily_loss_limit"));
        list.Add(Event(SecurityEventTypes.ComplianceViolation, 21, "position_limit"));
        list.Add(Event(SecurityEventTypes.ComplianceViolation, 22, "late_report"));
        list.Add(Event(SecurityEventTypes.ComplianceViolation, 23, BestExecutionMonitor.OutlierReason, actor: "rl-1"));
        list.Add(Event(SecurityEventTypes.TradingStateChanged, 20, "daily_loss_limit", resource: "account/agent-1"));
        list.Add(Event(SecurityEventTypes.KillSwitchEngaged, 30, "operator", actor: "alice", resource: "killswitch/Global"));
        list.Add(Event(SecurityEventTypes.KillSwitchReleased, 40, "operator", actor: "bob", resource: "killswitch/Global"));
        list.Add(Event(SecurityEventTypes.SurveillanceAlert, 50, "spoofing"));
        list.Add(Event(SecurityEventTypes.SurveillanceAlert, 51, "wash_trade"));
        list.Add(Event(SecurityEventTypes.TradeReported, 52));
        list.Add(Event(SecurityEventTypes.LoginSucceeded, 0, actor: "alice"));
        list.Add(Event(SecurityEventTypes.OrderDenied, 60 * 24, "price_collar"));
        return list;
    }
}
