using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance;

/// <summary>Checks the settings data annotations cannot: the reporting regimes and the control permission's name.</summary>
internal sealed class ComplianceSettingsValidator(PermissionCatalog permissions) : IValidateOptions<ComplianceOptions>
{
    public ValidateOptionsResult Validate(string? name, ComplianceOptions options)
    {
        var failures = options.Reporting.RegimeErrors().ToList();
        if (!string.IsNullOrEmpty(options.ControlPermission) && !permissions.TryGet(options.ControlPermission, out _))
        {
            failures.Add($"ControlPermission names no permission in the catalog; use a built-in one such as '{Permissions.ModifyRiskLimits.Name}' or define it first.");
        }

        foreach (var symbol in options.RestrictedInstruments)
        {
            if (string.IsNullOrWhiteSpace(symbol))
            {
                failures.Add("RestrictedInstruments must not contain an empty symbol.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
