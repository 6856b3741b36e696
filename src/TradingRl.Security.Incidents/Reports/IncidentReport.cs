using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TradingRl.Security.Incidents;

/// <summary>An incident report: the incident's timeline, alerts and evidence, actions, response times and the CSF 2.0 function of each phase.</summary>
public sealed record IncidentReport
{
    /// <summary>Gets the incident as reported.</summary>
    public required Incident Incident { get; init; }

    /// <summary>Gets when the report was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets the life-cycle phases with their CSF 2.0 mapping, in order.</summary>
    public required IReadOnlyList<IncidentReportPhase> Phases { get; init; }

    /// <summary>Gets the time-to-acknowledge target for the incident's severity.</summary>
    public TimeSpan AcknowledgeTarget { get; init; }

    /// <summary>Gets a value indicating whether the incident was acknowledged within its target.</summary>
    public bool AcknowledgeTargetMet { get; init; }

    /// <summary>Returns the CSF 2.0 function and category of a life-cycle phase (after NIST SP 800-61 Rev. 3).</summary>
    /// <param name="phase">The phase.</param>
    /// <returns>The function and category.</returns>
    public static (CsfFunction Function, string Category) CsfOf(IncidentStatus phase) => phase switch
    {
        IncidentStatus.Identified => (CsfFunction.Detect, "DE.AE"),
        IncidentStatus.Acknowledged => (CsfFunction.Respond, "RS.MA"),
        IncidentStatus.Contained => (CsfFunction.Respond, "RS.MI"),
        IncidentStatus.Eradicated => (CsfFunction.Respond, "RS.MI"),
        IncidentStatus.Recovered => (CsfFunction.Recover, "RC.RP"),
        IncidentStatus.Resolved => (CsfFunction.Recover, "RC.CO"),
        IncidentStatus.Closed => (CsfFunction.Identify, "ID.IM"),
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown incident status."),
    };

    /// <summary>Makes the report of an incident.</summary>
    /// <param name="incident">The incident.</param>
    /// <param name="acknowledgeTarget">The time-to-acknowledge target for its severity.</param>
    /// <param name="generatedAt">When the report is made, from the host's <see cref="TimeProvider"/>.</param>
    /// <returns>The report.</returns>
    public static IncidentReport Create(Incident incident, TimeSpan acknowledgeTarget, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var entered = new Dictionary<IncidentStatus, DateTimeOffset> { [IncidentStatus.Identified] = incident.OpenedAt };
        foreach (var entry in incident.Timeline)
        {
            entered.TryAdd(entry.Status, entry.At);
        }

        var phases = Enum.GetValues<IncidentStatus>()
            .Select(p => { var (f, c) = CsfOf(p); return new IncidentReportPhase(p, entered.TryGetValue(p, out var at) ? at : null, f, c); })
            .ToArray();
        return new IncidentReport
        {
            Incident = incident,
            GeneratedAt = generatedAt,
            Phases = phases,
            AcknowledgeTarget = acknowledgeTarget,
            AcknowledgeTargetMet = incident.TimeToAcknowledge is { } tta && tta < acknowledgeTarget && !incident.SlaBreached,
        };
    }

    /// <summary>Renders the report as JSON (camel case, enums as names).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, IncidentJson.Options);

    /// <summary>Renders the report as Markdown.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var i = Incident;
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Incident report {i.Id}: {Cell(i.Title)}\n\n");
        md.Append("| Field | Value |\n|---|---|\n");
        Row(md, "Severity", i.Severity.ToString());
        Row(md, "Status", i.Status.ToString());
        Row(md, "Classification", i.Classification.ToString());
        Row(md, "Deduplication key", i.DedupKey);
        Row(md, "Assignee", i.Assignee ?? "-");
        Row(md, "Opened", Time(i.OpenedAt));
        Row(md, "Acknowledged", i.AcknowledgedAt is { } a ? $"{Time(a)} by {i.AcknowledgedBy}" : "-");
        Row(md, "Resolved", i.ResolvedAt is { } r ? Time(r) : "-");
        Row(md, "Closed", i.ClosedAt is { } c ? Time(c) : "-");
        Row(md, "Time to acknowledge", $"{Span(i.TimeToAcknowledge)} (target {Span(AcknowledgeTarget)}: {(AcknowledgeTargetMet ? "met" : "missed")})");
        Row(md, "Time to resolve", Span(i.TimeToResolve));
        Row(md, "Escalation level reached", i.EscalationLevel.ToString(CultureInfo.InvariantCulture));
        Row(md, "Matching events", $"{i.EventCount} ({i.SuppressedEventCount} suppressed into earlier alerts)");
        Row(md, "Reopened", i.ReopenCount.ToString(CultureInfo.InvariantCulture));
        Row(md, "Report generated", Time(GeneratedAt));

        md.Append("\n## Phases (NIST SP 800-61 Rev. 3 / CSF 2.0)\n\n| Phase | Entered | CSF function | Category |\n|---|---|---|---|\n");
        foreach (var p in Phases)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {p.Phase} | {(p.EnteredAt is { } at ? Time(at) : "-")} | {p.Function} | {p.Category} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\n## Alerts and evidence ({i.Alerts.Count}{(i.AlertsOmitted > 0 ? $", {i.AlertsOmitted} more not stored" : string.Empty)})\n\n");
        md.Append("| Raised | Rule | Severity | Key | Events | First event | Last event | Evidence |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var al in i.Alerts)
        {
            var evidence = string.Join(", ", al.EventIds.Select(id => id.ToString()).Concat(al.Values.Select(Cell)));
            md.Append(CultureInfo.InvariantCulture, $"| {Time(al.RaisedAt)} | {al.RuleId} | {al.Severity} | {Cell(al.GroupKey)} | {al.MatchCount} | {Time(al.FirstEventAt)} | {Time(al.LastEventAt)} | {evidence} |\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"\n## Containment actions ({i.Actions.Count})\n\n| At | By | Action | Target | Result | Automatic | CSF |\n|---|---|---|---|---|---|---|\n");
        foreach (var act in i.Actions)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {Time(act.At)} | {Cell(act.Actor)} | {act.Action} | {Cell(act.Target)} | {(act.Succeeded ? "succeeded" : "failed")}: {Cell(act.Detail)} | {(act.Automatic ? "yes" : "no")} | Respond (RS.MI) |\n");
        }

        md.Append("\n## Timeline\n\n| At | Who | What | Detail | State | CSF function |\n|---|---|---|---|---|---|\n");
        foreach (var e in i.Timeline)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {Time(e.At)} | {Cell(e.Actor)} | {e.Action} | {Cell(e.Detail)} | {e.Status} | {CsfOf(e.Status).Function} |\n");
        }

        if (i.Resolution is not null)
        {
            md.Append("\n## Resolution\n\n").Append(Block(i.Resolution)).Append('\n');
        }

        if (i.LessonsLearned is not null)
        {
            md.Append("\n## Lessons learned (CSF ID.IM)\n\n").Append(Block(i.LessonsLearned)).Append('\n');
        }

        return md.ToString();
    }

    private static void Row(StringBuilder md, string name, string value) => md.Append("| ").Append(name).Append(" | ").Append(Cell(value)).Append(" |\n");

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan? s) => s is { } v ? v.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture) : "-";

    // Table cells: pipes, newlines and HTML-ish characters would break the table or inject markup.
    private static string Cell(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Block(string s) => string.Join('\n', s.Replace("<", "&lt;", StringComparison.Ordinal).Split('\n').Select(l => "> " + l.TrimEnd('\r')));
}
