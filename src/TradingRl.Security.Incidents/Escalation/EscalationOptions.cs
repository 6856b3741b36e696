using System.ComponentModel.DataAnnotations;
using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>Escalation policies per severity and how often they are checked.</summary>
/// <remarks>
/// Built-in defaults when a policy lists no levels: critical notifies <c>security-on-call</c> at once, <c>security-lead</c>
/// after 5 minutes and <c>incident-commander</c> after 15; high notifies on-call at once and the lead after 15 minutes;
/// medium notifies on-call at once and the lead after 60 minutes; low notifies <c>security-queue</c> at once.
/// </remarks>
public sealed class EscalationOptions
{
    /// <summary>Gets the policy for critical incidents.</summary>
    public EscalationPolicy Critical { get; } = new();

    /// <summary>Gets the policy for high-severity incidents.</summary>
    public EscalationPolicy High { get; } = new();

    /// <summary>Gets the policy for medium-severity incidents.</summary>
    public EscalationPolicy Medium { get; } = new();

    /// <summary>Gets the policy for low-severity incidents.</summary>
    public EscalationPolicy Low { get; } = new();

    /// <summary>Gets or sets how often the escalation monitor checks open incidents, by the host's <see cref="TimeProvider"/>.</summary>
    /// <value>Default 1 second; 100 ms to 5 minutes. Escalation happens at most this late.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Returns the levels in force for a severity: the configured ones, or the built-in default.</summary>
    /// <param name="severity">The incident severity.</param>
    /// <returns>The levels, in increasing delay.</returns>
    public IReadOnlyList<EscalationLevel> LevelsFor(SecuritySeverity severity)
    {
        var configured = severity switch
        {
            SecuritySeverity.Critical => Critical,
            SecuritySeverity.High => High,
            SecuritySeverity.Medium => Medium,
            _ => Low,
        };
        if (configured.Levels.Count > 0)
        {
            return [.. configured.Levels];
        }

        return [.. Defaults(severity).Levels];
    }

    private static EscalationPolicy Defaults(SecuritySeverity severity) => severity switch
    {
        SecuritySeverity.Critical => EscalationPolicy.Of((TimeSpan.Zero, "security-on-call"), (TimeSpan.FromMinutes(5), "security-lead"), (TimeSpan.FromMinutes(15), "incident-commander")),
        SecuritySeverity.High => EscalationPolicy.Of((TimeSpan.Zero, "security-on-call"), (TimeSpan.FromMinutes(15), "security-lead")),
        SecuritySeverity.Medium => EscalationPolicy.Of((TimeSpan.Zero, "security-on-call"), (TimeSpan.FromMinutes(60), "security-lead")),
        _ => EscalationPolicy.Of((TimeSpan.Zero, "security-queue")),
    };
}
