namespace TradingRl.Security.Incidents;

/// <summary>The escalation levels for incidents of one severity.</summary>
public sealed class EscalationPolicy
{
    /// <summary>Gets the levels, in increasing <see cref="EscalationLevel.After"/>; empty means the built-in default for the severity.</summary>
    public IList<EscalationLevel> Levels { get; } = [];

    internal static EscalationPolicy Of(params (TimeSpan After, string Target)[] levels)
    {
        var policy = new EscalationPolicy();
        foreach (var (after, target) in levels)
        {
            policy.Levels.Add(new EscalationLevel { After = after, Target = target });
        }

        return policy;
    }
}
