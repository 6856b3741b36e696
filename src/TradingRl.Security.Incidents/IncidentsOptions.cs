using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Incidents;

/// <summary>Settings of the Incidents package: rules, detection, incidents, escalation, notification and containment.</summary>
public sealed class IncidentsOptions
{
    /// <summary>Gets the detection engine settings.</summary>
    [ValidateObjectMembers]
    public DetectionOptions Detection { get; } = new();

    /// <summary>Gets or sets a value indicating whether the default rule set (<see cref="DefaultDetectionRules"/>) runs.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool UseDefaultRules { get; set; } = true;

    /// <summary>Gets the host's own rules; one with the id of a default rule replaces it.</summary>
    public IList<DetectionRule> Rules { get; } = [];

    /// <summary>Gets the ids of rules (default or own) that do not run.</summary>
    public IList<string> DisabledRules { get; } = [];

    /// <summary>Gets the containment actions rules trigger automatically.</summary>
    public IList<AutomaticContainment> AutomaticContainment { get; } = [];

    /// <summary>Gets or sets the directory incidents are kept in as JSON files; in memory when unset.</summary>
    /// <value>Default <see langword="null"/> (in memory, lost on restart).</value>
    public string? DataDirectory { get; set; }

    /// <summary>Gets or sets how long after resolution a new alert with the same key reopens the incident instead of opening a new one.</summary>
    /// <value>Default 24 hours; 0 to 30 days. A closed incident is never reopened.</value>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the most alerts an incident stores; further ones are counted in <see cref="Incident.AlertsOmitted"/>.</summary>
    /// <value>Default 1,000; 1 to 100,000.</value>
    [Range(1, 100_000)]
    public int MaxAlertsPerIncident { get; set; } = 1_000;

    /// <summary>Gets the escalation policies.</summary>
    [ValidateObjectMembers]
    public EscalationOptions Escalation { get; } = new();

    /// <summary>Gets the time-to-acknowledge targets.</summary>
    [ValidateObjectMembers]
    public ResponseTimeTargets ResponseTargets { get; } = new();

    /// <summary>Gets the webhook channel settings.</summary>
    [ValidateObjectMembers]
    public WebhookOptions Webhook { get; } = new();

    /// <summary>Makes a rule's alerts trigger a containment action.</summary>
    /// <param name="ruleId">The rule id, e.g. <see cref="DefaultDetectionRules.FailedLoginBurst"/>.</param>
    /// <param name="action">The action.</param>
    /// <param name="lockDuration">For an account lock, how long; until unlocked when <see langword="null"/>.</param>
    /// <returns>The same options.</returns>
    public IncidentsOptions ContainAutomatically(string ruleId, ContainmentAction action, TimeSpan? lockDuration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        AutomaticContainment.Add(new AutomaticContainment { RuleId = ruleId, Action = action, LockDuration = lockDuration });
        return this;
    }

    /// <summary>Returns the rules that run: the defaults (when used), replaced or extended by <see cref="Rules"/>, less <see cref="DisabledRules"/>.</summary>
    /// <returns>Copies of the rules.</returns>
    public IReadOnlyList<DetectionRule> EffectiveRules()
    {
        var byId = new Dictionary<string, DetectionRule>(StringComparer.Ordinal);
        var order = new List<string>();
        void Put(DetectionRule r)
        {
            if (!byId.ContainsKey(r.Id))
            {
                order.Add(r.Id);
            }

            byId[r.Id] = r.Clone();
        }

        if (UseDefaultRules)
        {
            foreach (var r in DefaultDetectionRules.Create())
            {
                Put(r);
            }
        }

        foreach (var r in Rules)
        {
            Put(r ?? throw new InvalidOperationException("IncidentsOptions.Rules contains a null rule."));
        }

        var disabled = new HashSet<string>(DisabledRules, StringComparer.Ordinal);
        return [.. order.Where(id => !disabled.Contains(id) && byId[id].Enabled).Select(id => byId[id])];
    }
}

/// <summary>Validates the ranges of <see cref="IncidentsOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class IncidentsOptionsValidator : IValidateOptions<IncidentsOptions>
{
}
