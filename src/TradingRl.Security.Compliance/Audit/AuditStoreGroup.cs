namespace TradingRl.Security.Compliance.Audit;

/// <summary>One group commit to append to a shared audit log: the records and the signed tree head that covers them.</summary>
/// <remarks>Immutable. Built by <see cref="AuditTrail"/> inside <see cref="ISharedAuditStore.AppendSharedAsync"/>.</remarks>
public sealed class AuditStoreGroup
{
    /// <summary>Initializes the group.</summary>
    /// <param name="records">The records, with dense sequence numbers following the stored ones.</param>
    /// <param name="commit">The signed tree head after the group.</param>
    public AuditStoreGroup(IReadOnlyList<AuditStoreEntry> records, SignedCheckpoint commit)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(commit);
        Records = records;
        Commit = commit;
    }

    /// <summary>Gets the records, in order.</summary>
    public IReadOnlyList<AuditStoreEntry> Records { get; }

    /// <summary>Gets the signed tree head after the group.</summary>
    public SignedCheckpoint Commit { get; }
}
