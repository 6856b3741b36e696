using System.Globalization;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>A metric's target: a comparison with a threshold in a unit, e.g. "&lt; 1%".</summary>
/// <param name="Comparison">How the value is compared.</param>
/// <param name="Threshold">The threshold, in <paramref name="Unit"/> (a ratio from 0 to 1 for percentages).</param>
/// <param name="Unit">The unit.</param>
public sealed record ScorecardTarget(TargetComparison Comparison, double Threshold, ScorecardUnit Unit)
{
    /// <summary>Tells whether a value meets the target.</summary>
    /// <param name="value">The value, in the target's unit.</param>
    /// <returns><see langword="true"/> when met; <see langword="false"/> for NaN.</returns>
    public bool IsMetBy(double value) => !double.IsNaN(value) && Comparison switch
    {
        TargetComparison.LessThan => value < Threshold,
        TargetComparison.AtMost => value <= Threshold,
        TargetComparison.AtLeast => value >= Threshold,
        _ => value > Threshold,
    };

    /// <summary>Formats a value in the target's unit, e.g. <c>0.5%</c>, <c>3</c> or <c>12.5 min</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, invariant culture.</returns>
    public string Format(double value) => Unit switch
    {
        ScorecardUnit.Ratio => (value * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%",
        ScorecardUnit.Minutes => value.ToString("0.##", CultureInfo.InvariantCulture) + " min",
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };

    /// <summary>Returns the target as the seed writes it, e.g. <c>&lt; 1%</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Comparison switch
    {
        TargetComparison.LessThan => "< ",
        TargetComparison.AtMost => "<= ",
        TargetComparison.AtLeast => ">= ",
        _ => "> ",
    } + Format(Threshold);
}
