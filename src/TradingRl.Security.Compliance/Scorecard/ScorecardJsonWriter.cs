using System.Text.Json;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Writes a scorecard as JSON: the period, the counts and every metric with target, value, status and query.</summary>
public static class ScorecardJsonWriter
{
    /// <summary>Writes the scorecard to a stream as indented UTF-8 JSON.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="output">The stream; left open.</param>
    /// <remarks>Ratios are written as fractions (0 to 1), durations in minutes; a metric not measured has <c>"value": null</c> and a <c>reason</c>.</remarks>
    public static void Write(ComplianceScorecard scorecard, Stream output)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(output);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        WriteTo(w, scorecard);
    }

    /// <summary>Writes the scorecard as one JSON object to a writer (also the shape of the compliance report's <c>scorecard</c>).</summary>
    internal static void WriteTo(Utf8JsonWriter w, ComplianceScorecard scorecard)
    {
        w.WriteStartObject();
        w.WriteString("from", scorecard.From);
        w.WriteString("to", scorecard.To);
        w.WriteString("generated_at", scorecard.GeneratedAt);
        w.WriteNumber("record_count", scorecard.RecordCount);
        WriteNullable(w, "first_sequence", scorecard.FirstSequence);
        WriteNullable(w, "last_sequence", scorecard.LastSequence);
        w.WriteNumber("passed", scorecard.Passed);
        w.WriteNumber("failed", scorecard.Failed);
        w.WriteNumber("not_measured", scorecard.NotMeasured);
        w.WriteStartArray("metrics");
        foreach (var m in scorecard.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("id", m.Id);
            w.WriteString("name", m.Name);
            w.WriteString("section", m.Section);
            w.WriteString("target", m.Target.ToString());
            w.WriteString("comparison", m.Target.Comparison.ToString());
            w.WriteNumber("threshold", m.Target.Threshold);
            w.WriteString("unit", m.Target.Unit.ToString());
            w.WriteString("status", m.Status.ToString());
            if (m.Value is { } v)
            {
                w.WriteNumber("value", v);
            }
            else
            {
                w.WriteNull("value");
            }

            WriteNullable(w, "numerator", m.Numerator);
            WriteNullable(w, "denominator", m.Denominator);
            w.WriteString("query", m.Query);
            if (m.Reason is not null)
            {
                w.WriteString("reason", m.Reason);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Returns the scorecard as JSON text.</summary>
    /// <param name="scorecard">The scorecard.</param>
    /// <returns>The indented JSON.</returns>
    public static string ToJson(ComplianceScorecard scorecard)
    {
        using var buffer = new MemoryStream();
        Write(scorecard, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
