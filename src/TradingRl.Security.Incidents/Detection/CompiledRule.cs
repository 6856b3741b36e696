using System.Collections.Frozen;
using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>A validated, immutable copy of a <see cref="DetectionRule"/> in the form the engine evaluates.</summary>
internal sealed class CompiledRule
{
    public const string NoGroupValue = "(none)";

    private CompiledRule(DetectionRule definition, TimeSpan allowedLateness)
    {
        Definition = definition;
        Id = definition.Id;
        Title = definition.Title;
        Severity = definition.Severity;
        Kind = definition.Kind;
        Types = definition.EventTypes.ToFrozenSet(StringComparer.Ordinal);
        ThenTypes = definition.ThenEventTypes.ToFrozenSet(StringComparer.Ordinal);
        OutcomeMask = Mask(definition.Outcomes);
        ThenOutcomeMask = Mask(definition.ThenOutcomes);
        GroupBy = definition.GroupBy;
        GroupByProperty = definition.GroupByProperty;
        DistinctField = definition.DistinctField;
        DistinctProperty = definition.DistinctProperty;
        Threshold = definition.Threshold;
        WindowTicks = definition.Window.Ticks;
        SuppressionTicks = definition.SuppressionWindow.Ticks;
        DedupPrefix = (definition.IncidentGroup ?? definition.Id) + ":";

        // Exact for late events: with no alert, no span of one window holds more than Threshold events, so the
        // window-plus-lateness horizon holds at most Threshold per window it overlaps.
        var spans = (allowedLateness.Ticks + WindowTicks - 1) / WindowTicks + 1;
        BufferCapacity = (int)Math.Min(1_000_000, (Threshold * (spans + 1)) + 1);
    }

    public DetectionRule Definition { get; }

    public string Id { get; }

    public string Title { get; }

    public SecuritySeverity Severity { get; }

    public DetectionRuleKind Kind { get; }

    public FrozenSet<string> Types { get; }

    public FrozenSet<string> ThenTypes { get; }

    public int OutcomeMask { get; }

    public int ThenOutcomeMask { get; }

    public EventField GroupBy { get; }

    public string? GroupByProperty { get; }

    public EventField DistinctField { get; }

    public string? DistinctProperty { get; }

    public int Threshold { get; }

    public long WindowTicks { get; }

    public long SuppressionTicks { get; }

    public string DedupPrefix { get; }

    public int BufferCapacity { get; }

    public static CompiledRule Compile(DetectionRule rule, TimeSpan allowedLateness)
    {
        DetectionRuleValidator.ThrowIfInvalid(rule);
        return new CompiledRule(rule.Clone(), allowedLateness);
    }

    public bool MatchesFirst(SecurityEvent e) =>
        Types.Contains(e.Type) && (OutcomeMask == 0 || (OutcomeMask & (1 << (int)e.Outcome)) != 0);

    public bool MatchesThen(SecurityEvent e) =>
        ThenTypes.Contains(e.Type) && (ThenOutcomeMask == 0 || (ThenOutcomeMask & (1 << (int)e.Outcome)) != 0);

    public string GroupKey(SecurityEvent e) => Field(e, GroupBy, GroupByProperty) ?? NoGroupValue;

    public string? DistinctValue(SecurityEvent e) => Field(e, DistinctField, DistinctProperty);

    private static string? Field(SecurityEvent e, EventField field, string? property) => field switch
    {
        EventField.None => NoGroupValue,
        EventField.Actor => e.Actor,
        EventField.SourceAddress => e.SourceAddress,
        EventField.Resource => e.Resource,
        EventField.CorrelationId => e.CorrelationId,
        EventField.Type => e.Type,
        EventField.Property => e.GetProperty(property!),
        _ => null,
    };

    private static int Mask(IEnumerable<SecurityOutcome> outcomes)
    {
        var mask = 0;
        foreach (var o in outcomes)
        {
            mask |= 1 << (int)o;
        }

        return mask;
    }
}
