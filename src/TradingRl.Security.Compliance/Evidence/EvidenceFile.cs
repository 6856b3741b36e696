namespace TradingRl.Security.Compliance.Evidence;

/// <summary>One file of an evidence pack: its path, SHA-256, size and the audit sequence numbers it is drawn from.</summary>
/// <param name="Path">The path inside the pack, with forward slashes, e.g. <c>incidents/records.json</c>.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Length">The file's length in bytes.</param>
/// <param name="Sequences">The audit sequence numbers of the records the file holds, ascending.</param>
public sealed record EvidenceFile(string Path, string Sha256, long Length, IReadOnlyList<long> Sequences);
