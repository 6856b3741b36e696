namespace TradingRl.Security.Compliance.Audit;

/// <summary>The outcome of a durable append: the record's sequence number and when it was recorded.</summary>
/// <param name="Sequence">The sequence number (Merkle leaf index).</param>
/// <param name="RecordedAt">When it was recorded; for a repeat, when the append was refused as one.</param>
/// <param name="IsDuplicate">Whether the event id was already in the log, so nothing new was stored.</param>
public readonly record struct AuditAppendResult(long Sequence, DateTimeOffset RecordedAt, bool IsDuplicate);
