using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Compliance;

/// <summary>Settings of trade reporting: where the default sink writes and which deadline each regime sets.</summary>
public sealed class TradeReportingOptions
{
    /// <summary>The name of the regime used when a report names none.</summary>
    public const string DefaultRegimeName = "default";

    /// <summary>Gets or sets the folder the JSON-lines sink writes <c>trade-reports-yyyyMMdd.jsonl</c> files into (one per UTC execution date).</summary>
    /// <value>Default <c>trade-reports</c>, relative to the working directory.</value>
    [Required]
    [MinLength(1)]
    public string Directory { get; set; } = "trade-reports";

    /// <summary>Gets the reporting regimes by name (ordinal, case-sensitive).</summary>
    /// <value>Default: <c>default</c>, due 60 s after execution (the seed). Add e.g. a T+1 regime with <see cref="ReportingRegime.BusinessDaysAfter"/> = 1.</value>
    public IDictionary<string, ReportingRegime> Regimes { get; } = new Dictionary<string, ReportingRegime>(StringComparer.Ordinal)
    {
        [DefaultRegimeName] = new ReportingRegime { Deadline = TimeSpan.FromSeconds(60) },
    };

    /// <summary>Lists what is wrong with the regimes, for start-up validation.</summary>
    internal IEnumerable<string> RegimeErrors()
    {
        if (!Regimes.ContainsKey(DefaultRegimeName))
        {
            yield return $"Reporting.Regimes must contain the '{DefaultRegimeName}' regime: reports that name no regime use it.";
        }

        foreach (var (name, r) in Regimes)
        {
            if (r is null || (r.Deadline is null) == (r.BusinessDaysAfter is null))
            {
                yield return $"Reporting.Regimes['{name}'] must set exactly one of Deadline and BusinessDaysAfter.";
                continue;
            }

            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(r, new ValidationContext(r), results, validateAllProperties: true))
            {
                foreach (var v in results)
                {
                    yield return $"Reporting.Regimes['{name}']: {v.ErrorMessage}";
                }
            }
        }
    }
}
