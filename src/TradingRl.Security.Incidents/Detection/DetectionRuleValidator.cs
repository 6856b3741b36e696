using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>Checks a <see cref="DetectionRule"/> and says exactly which setting is wrong.</summary>
public static class DetectionRuleValidator
{
    /// <summary>The largest accepted threshold.</summary>
    public const int MaxThreshold = 100_000;

    /// <summary>Returns every problem with a rule; empty when it is valid.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>One message per problem, each naming the rule and the setting.</returns>
    public static IReadOnlyList<string> Validate(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new List<string>();
        var name = string.IsNullOrEmpty(rule.Id) ? "(no id)" : rule.Id;
        void Fail(string setting, string why) => errors.Add($"Detection rule '{name}': {setting} {why}");

        if (!IsValidId(rule.Id))
        {
            Fail(nameof(rule.Id), "must be 1 to 64 characters of a-z, 0-9 and '-'.");
        }

        if (string.IsNullOrWhiteSpace(rule.Title))
        {
            Fail(nameof(rule.Title), "must not be empty.");
        }

        if (!Enum.IsDefined(rule.Severity) || rule.Severity == SecuritySeverity.Info)
        {
            Fail(nameof(rule.Severity), "must be Low, Medium, High or Critical.");
        }

        if (!Enum.IsDefined(rule.Kind))
        {
            Fail(nameof(rule.Kind), "is not a known rule kind.");
        }

        CheckTypes(rule.EventTypes, nameof(rule.EventTypes), required: true, Fail);
        CheckTypes(rule.ThenEventTypes, nameof(rule.ThenEventTypes), required: rule.Kind == DetectionRuleKind.Sequence, Fail);
        if (rule.Kind != DetectionRuleKind.Sequence && rule.ThenEventTypes.Count > 0)
        {
            Fail(nameof(rule.ThenEventTypes), "is only used by Sequence rules.");
        }

        if (rule.Outcomes.Concat(rule.ThenOutcomes).Any(o => !Enum.IsDefined(o)))
        {
            Fail(nameof(rule.Outcomes), "contains an unknown outcome.");
        }

        CheckField(rule.GroupBy, rule.GroupByProperty, nameof(rule.GroupBy), Fail);
        var needsDistinct = rule.Kind is DetectionRuleKind.DistinctCount or DetectionRuleKind.FirstSeen;
        if (needsDistinct && rule.DistinctField == EventField.None)
        {
            Fail(nameof(rule.DistinctField), "must name the field whose values are counted or remembered.");
        }
        else if (needsDistinct)
        {
            CheckField(rule.DistinctField, rule.DistinctProperty, nameof(rule.DistinctField), Fail);
        }

        if (rule.Threshold is < 0 or > MaxThreshold)
        {
            Fail(nameof(rule.Threshold), $"must be 0 to {MaxThreshold}.");
        }

        if (rule.Window < TimeSpan.FromSeconds(1) || rule.Window > TimeSpan.FromDays(400))
        {
            Fail(nameof(rule.Window), "must be 1 second to 400 days.");
        }

        if (rule.SuppressionWindow < TimeSpan.Zero || rule.SuppressionWindow > TimeSpan.FromDays(7))
        {
            Fail(nameof(rule.SuppressionWindow), "must be 0 to 7 days.");
        }

        if (rule.IncidentGroup is not null && !IsValidId(rule.IncidentGroup))
        {
            Fail(nameof(rule.IncidentGroup), "must be 1 to 64 characters of a-z, 0-9 and '-'.");
        }

        return errors;
    }

    /// <summary>Throws when a rule is invalid.</summary>
    /// <param name="rule">The rule.</param>
    /// <exception cref="ArgumentException">The rule is invalid; the message lists every problem.</exception>
    public static void ThrowIfInvalid(DetectionRule rule)
    {
        var errors = Validate(rule);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(rule));
        }
    }

    internal static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static void CheckTypes(IList<string> types, string setting, bool required, Action<string, string> fail)
    {
        if (required && types.Count == 0)
        {
            fail(setting, "must list at least one event type.");
        }

        foreach (var t in types)
        {
            if (!SecurityEventTypeName.IsValid(t))
            {
                fail(setting, $"contains '{Truncate(t)}', which is not an event type name (e.g. 'auth.login.failed').");
            }
            else if (t.StartsWith("incident.", StringComparison.Ordinal))
            {
                fail(setting, $"contains '{t}': rules may not read the package's own incident events (it would feed on itself).");
            }
        }
    }

    private static void CheckField(EventField field, string? property, string setting, Action<string, string> fail)
    {
        if (!Enum.IsDefined(field))
        {
            fail(setting, "is not a known event field.");
        }
        else if (field == EventField.Property && (string.IsNullOrEmpty(property) || property.Length > SecurityEvent.MaxPropertyNameLength))
        {
            fail(setting, $"is Property, so its property name must be 1 to {SecurityEvent.MaxPropertyNameLength} characters.");
        }
    }

    private static string Truncate(string? s) => s is null ? "null" : s.Length <= 40 ? s : s[..40] + "...";
}
