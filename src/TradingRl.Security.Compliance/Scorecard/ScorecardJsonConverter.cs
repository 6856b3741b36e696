using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Writes a <see cref="ComplianceScorecard"/> inside the compliance report in the shape of <see cref="ScorecardJsonWriter"/>; the report is written, never read back.</summary>
internal sealed class ScorecardJsonConverter : JsonConverter<ComplianceScorecard>
{
    public override ComplianceScorecard Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A scorecard is recomputed from the audit trail, not read from a report.");

    public override void Write(Utf8JsonWriter writer, ComplianceScorecard value, JsonSerializerOptions options) => ScorecardJsonWriter.WriteTo(writer, value);
}
