using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>The counts of one UTC day's security events; guarded by the collector's lock.</summary>
internal sealed class DayTally
{
    public const string NoReason = "(none)";
    public const string OtherReason = "(other)";

    public long Events;
    public long DetailsDropped;
    public readonly Dictionary<string, long> ByType = new(StringComparer.Ordinal);
    public readonly Dictionary<string, Dictionary<string, long>> ByTypeAndReason = new(StringComparer.Ordinal);
    public readonly Dictionary<string, long> Counters = new(StringComparer.Ordinal);
    public readonly List<ComplianceReportEntry> Details = [];

    public static bool IsNotable(string type) =>
        type == SecurityEventTypes.KillSwitchEngaged.Type ||
        type == SecurityEventTypes.KillSwitchReleased.Type ||
        type == SecurityEventTypes.TradingStateChanged.Type ||
        type == SecurityEventTypes.SurveillanceAlert.Type ||
        type == SecurityEventTypes.ComplianceViolation.Type;

    public void Add(SecurityEvent e, ComplianceReportOptions options)
    {
        Events++;
        ByType[e.Type] = ByType.GetValueOrDefault(e.Type) + 1;
        if (!ByTypeAndReason.TryGetValue(e.Type, out var reasons))
        {
            reasons = new Dictionary<string, long>(StringComparer.Ordinal);
            ByTypeAndReason.Add(e.Type, reasons);
        }

        var reason = e.GetProperty("reason") ?? NoReason;
        if (!reasons.ContainsKey(reason) && reasons.Count >= options.MaxReasonsPerType)
        {
            reason = OtherReason;
        }

        reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        if (IsNotable(e.Type))
        {
            if (Details.Count < options.MaxDetailedEventsPerDay)
            {
                Details.Add(new ComplianceReportEntry(e.Timestamp, e.Type, e.Severity, e.Actor, e.Resource, e.GetProperty("reason"), e.Id));
            }
            else
            {
                DetailsDropped++;
            }
        }
    }

    public DayTally Copy()
    {
        var copy = new DayTally { Events = Events, DetailsDropped = DetailsDropped };
        foreach (var (k, v) in ByType)
        {
            copy.ByType[k] = v;
        }

        foreach (var (k, v) in ByTypeAndReason)
        {
            copy.ByTypeAndReason[k] = new Dictionary<string, long>(v, StringComparer.Ordinal);
        }

        foreach (var (k, v) in Counters)
        {
            copy.Counters[k] = v;
        }

        copy.Details.AddRange(Details);
        return copy;
    }
}
