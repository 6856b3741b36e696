using System.Text.Json;
using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>One control family of an evidence pack: which audit records it holds and the summary it derives from them.</summary>
internal sealed class EvidenceFamily(string folder, string control, string[] types, Func<AuditRecord, bool>? extra, Action<Utf8JsonWriter, IReadOnlyList<AuditRecord>, DateTimeOffset>? summary)
{
    public string Folder { get; } = folder;

    public string Control { get; } = control;

    public IReadOnlyList<string> Types { get; } = types;

    public Action<Utf8JsonWriter, IReadOnlyList<AuditRecord>, DateTimeOffset>? Summary { get; } = summary;

    public bool Matches(AuditRecord r) => Types.Contains(r.Type, StringComparer.Ordinal) || (extra?.Invoke(r) ?? false);
}
