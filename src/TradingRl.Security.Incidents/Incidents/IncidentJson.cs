using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingRl.Security.Incidents;

/// <summary>The JSON settings for stored incidents and reports: camel case, enums as names, indented.</summary>
internal static class IncidentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.Default,
        MaxDepth = 32,
    };
}
