using System.Globalization;
using System.Text;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Writes a scorecard as a Markdown section: a table of metrics, then each metric's query, for the compliance report.</summary>
public static class ScorecardMarkdownWriter
{
    /// <summary>Returns the scorecard as Markdown, starting with a level-2 heading.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <returns>The Markdown text.</returns>
    public static string ToMarkdown(ComplianceScorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"## Security and compliance scorecard\n\n");
        sb.Append(c, $"Period {scorecard.From:O} to {scorecard.To:O} (audit records by recording time; sequence numbers ");
        sb.Append(c, $"{(scorecard.FirstSequence is { } f ? f.ToString(c) : "-")} to {(scorecard.LastSequence is { } l ? l.ToString(c) : "-")}, {scorecard.RecordCount} records). ");
        sb.Append(c, $"Generated {scorecard.GeneratedAt:O}. **{scorecard.Passed} pass, {scorecard.Failed} fail, {scorecard.NotMeasured} not measured.**\n\n");
        sb.Append("| Section | Metric | Target | Value | Status | Numerator / denominator |\n|---|---|---|---|---|---|\n");
        foreach (var m in scorecard.Metrics)
        {
            var value = m.Value is { } v ? m.Target.Format(v) : "-";
            var counts = m.Numerator is { } n ? (m.Denominator is { } d ? $"{n} / {d}" : n.ToString(c)) : "-";
            var status = m.Status switch { ScorecardStatus.Pass => "pass", ScorecardStatus.Fail => "**FAIL**", _ => "not measured" };
            sb.Append(c, $"| {m.Section} | {Escape(m.Name)} (`{m.Id}`) | {Escape(m.Target.ToString())} | {value} | {status} | {counts} |\n");
        }

        sb.Append("\n### How each value was computed\n\n");
        foreach (var m in scorecard.Metrics)
        {
            sb.Append(c, $"- `{m.Id}`: {Escape(m.Query)}");
            if (m.Reason is not null)
            {
                sb.Append(c, $" — {(m.Status == ScorecardStatus.NotMeasured ? "not measured: " : string.Empty)}{Escape(m.Reason)}");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes the Markdown to a writer.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="output">The writer; left open.</param>
    public static void Write(ComplianceScorecard scorecard, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(ToMarkdown(scorecard));
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
