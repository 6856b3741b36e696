namespace TradingRl.Security.Incidents;

/// <summary>How a detection rule decides to raise an alert.</summary>
public enum DetectionRuleKind
{
    /// <summary>Every matching event raises an alert (subject to suppression).</summary>
    Match = 0,

    /// <summary>More than <see cref="DetectionRule.Threshold"/> matching events for one group key within <see cref="DetectionRule.Window"/>.</summary>
    Threshold = 1,

    /// <summary>More than <see cref="DetectionRule.Threshold"/> distinct values of <see cref="DetectionRule.DistinctField"/> for one group key within <see cref="DetectionRule.Window"/>.</summary>
    DistinctCount = 2,

    /// <summary>More than <see cref="DetectionRule.Threshold"/> matching events followed by one <see cref="DetectionRule.ThenEventTypes"/> event for one group key within <see cref="DetectionRule.Window"/>.</summary>
    Sequence = 3,

    /// <summary>A value of <see cref="DetectionRule.DistinctField"/> not seen before for a group key that already has a history.</summary>
    FirstSeen = 4,
}
