using System.Text.Json;
using System.Text.Json.Serialization;
using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>Reads and writes recorded security events as JSON lines, one event per line, to test rules against real streams.</summary>
/// <remarks>
/// A line holds <c>id</c>, <c>type</c>, <c>severity</c>, <c>timestamp</c> and optionally <c>actor</c>, <c>sourceAddress</c>,
/// <c>resource</c>, <c>outcome</c>, <c>correlationId</c> and <c>properties</c>. Blank lines are skipped. Errors name the line,
/// never its content.
/// </remarks>
public static class RecordedEvents
{
    /// <summary>The longest accepted line.</summary>
    public const int MaxLineLength = 128 * 1024;

    /// <summary>Reads every event of a recording.</summary>
    /// <param name="reader">The text.</param>
    /// <returns>The events, in file order.</returns>
    /// <exception cref="FormatException">A line is not a valid recorded event; the message names its number.</exception>
    public static IReadOnlyList<SecurityEvent> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var events = new List<SecurityEvent>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Length > MaxLineLength)
            {
                throw new FormatException($"Line {number} of the recording is longer than {MaxLineLength} characters.");
            }

            try
            {
                var r = JsonSerializer.Deserialize<Line>(line, IncidentJson.Options) ?? throw new FormatException("null");
                if (r.Type is null || r.Timestamp is null || r.Severity is null)
                {
                    throw new FormatException("missing type, severity or timestamp");
                }

                events.Add(new SecurityEvent(r.Type, r.Severity.Value, r.Timestamp.Value, r.Id)
                {
                    Actor = r.Actor,
                    SourceAddress = r.SourceAddress,
                    Resource = r.Resource,
                    Outcome = r.Outcome ?? SecurityOutcome.Unknown,
                    CorrelationId = r.CorrelationId,
                    Properties = r.Properties ?? new Dictionary<string, string>(),
                });
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
            {
                throw new FormatException($"Line {number} of the recording is not a valid security event ({ex.GetType().Name}): each line needs id, type, severity and timestamp.", ex);
            }
        }

        return events;
    }

    /// <summary>Writes events as JSON lines.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="events">The events.</param>
    public static void Write(TextWriter writer, IEnumerable<SecurityEvent> events)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        var compact = new JsonSerializerOptions(IncidentJson.Options) { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        foreach (var e in events)
        {
            var line = new Line
            {
                Id = e.Id,
                Type = e.Type,
                Severity = e.Severity,
                Timestamp = e.Timestamp,
                Actor = e.Actor,
                SourceAddress = e.SourceAddress,
                Resource = e.Resource,
                Outcome = e.Outcome,
                CorrelationId = e.CorrelationId,
                Properties = e.Properties.Count == 0 ? null : new Dictionary<string, string>(e.Properties),
            };
            writer.WriteLine(JsonSerializer.Serialize(line, compact));
        }
    }

    private sealed class Line
    {
        public Guid? Id { get; set; }

        public string? Type { get; set; }

        public SecuritySeverity? Severity { get; set; }

        public DateTimeOffset? Timestamp { get; set; }

        public string? Actor { get; set; }

        public string? SourceAddress { get; set; }

        public string? Resource { get; set; }

        public SecurityOutcome? Outcome { get; set; }

        public string? CorrelationId { get; set; }

        public Dictionary<string, string>? Properties { get; set; }
    }
}
