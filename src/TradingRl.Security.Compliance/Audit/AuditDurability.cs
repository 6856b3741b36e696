namespace TradingRl.Security.Compliance.Audit;

/// <summary>When an append counts as done.</summary>
public enum AuditDurability
{
    /// <summary>After the group commit is flushed to the disk (fsync): survives a process crash and a power loss. The default.</summary>
    Flush = 0,

    /// <summary>After the group commit is handed to the operating system: survives a process crash, not a power loss or kernel crash.</summary>
    OperatingSystem = 1,
}
