using System.Net;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Incidents;

/// <summary>Validates what data annotations cannot: the rules, automatic containment, escalation levels and the webhook URL.</summary>
internal sealed class IncidentsRulesValidator : IValidateOptions<IncidentsOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentsOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static List<string> Check(IncidentsOptions options)
    {
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in options.Rules)
        {
            if (rule is null)
            {
                failures.Add("IncidentsOptions.Rules contains a null rule.");
                continue;
            }

            failures.AddRange(DetectionRuleValidator.Validate(rule));
            if (!string.IsNullOrEmpty(rule.Id) && !ids.Add(rule.Id))
            {
                failures.Add($"IncidentsOptions.Rules lists the rule id '{rule.Id}' twice; rule ids must be unique.");
            }
        }

        var effective = failures.Count == 0 ? options.EffectiveRules().Select(r => r.Id).ToHashSet(StringComparer.Ordinal) : null;
        if (effective is { Count: 0 })
        {
            failures.Add("No detection rule is enabled: set UseDefaultRules to true or add Rules, or leave AddIncidents() out.");
        }

        foreach (var auto in options.AutomaticContainment)
        {
            if (auto is null || string.IsNullOrWhiteSpace(auto.RuleId))
            {
                failures.Add("IncidentsOptions.AutomaticContainment has an entry without a RuleId.");
            }
            else if (effective is not null && !effective.Contains(auto.RuleId))
            {
                failures.Add($"IncidentsOptions.AutomaticContainment names the rule '{auto.RuleId}', which is not an enabled rule: automatic containment would never run.");
            }
            else if (!Enum.IsDefined(auto.Action))
            {
                failures.Add($"IncidentsOptions.AutomaticContainment for '{auto.RuleId}' has an unknown action.");
            }
            else if (auto.LockDuration is { } d && d <= TimeSpan.Zero)
            {
                failures.Add($"IncidentsOptions.AutomaticContainment for '{auto.RuleId}': LockDuration must be positive, or null for an indefinite lock.");
            }
        }

        foreach (var severity in new[] { Events.SecuritySeverity.Critical, Events.SecuritySeverity.High, Events.SecuritySeverity.Medium, Events.SecuritySeverity.Low })
        {
            var previous = TimeSpan.MinValue;
            foreach (var level in options.Escalation.LevelsFor(severity))
            {
                if (level.After < TimeSpan.Zero || level.After > TimeSpan.FromDays(7) || level.After < previous)
                {
                    failures.Add($"IncidentsOptions.Escalation.{severity}: each level's After must be 0 to 7 days and not less than the level before it.");
                }

                if (string.IsNullOrWhiteSpace(level.Target))
                {
                    failures.Add($"IncidentsOptions.Escalation.{severity}: every level needs a Target (who is notified).");
                }

                previous = level.After;
            }
        }

        if (options.Webhook.Url is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add("IncidentsOptions.Webhook.Url must be an absolute https URL.");
            }
            else if (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
            {
                failures.Add("IncidentsOptions.Webhook.Url uses plain http to a non-loopback host: incident details would cross the network unencrypted. Use https.");
            }
            else if (!string.IsNullOrEmpty(url.UserInfo))
            {
                failures.Add("IncidentsOptions.Webhook.Url must not carry credentials in the URL; they would end up in logs.");
            }
        }

        return failures;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
