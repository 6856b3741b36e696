namespace TradingRl.Security.Compliance.Audit;

/// <summary>What opening an audit store found.</summary>
/// <param name="RecordCount">The number of committed records (the next sequence number).</param>
/// <param name="DiscardedBytes">Bytes of an incomplete, never-acknowledged group removed from the tail (0 after a clean shutdown).</param>
/// <param name="IsNew">Whether the store held no log before.</param>
public readonly record struct AuditStoreRecovery(long RecordCount, long DiscardedBytes, bool IsNew);
