using System.Text.Json.Serialization;

namespace TradingRl.Security.Compliance;

/// <summary>The source-generated JSON contract of <see cref="DailyComplianceReport"/>: snake_case names, enums as strings, indented.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DailyComplianceReport))]
internal sealed partial class ComplianceReportJsonContext : JsonSerializerContext
{
}
