using System.Collections.Concurrent;

namespace TradingRl.Security.Compliance;

/// <summary>The per-process <see cref="ITradingStateStore"/>: states and kill switches are lost on restart.</summary>
/// <remarks>Thread-safe. The default when <see cref="ComplianceOptions.StateDirectory"/> is not set.</remarks>
public sealed class InMemoryTradingStateStore : ITradingStateStore
{
    private readonly ConcurrentDictionary<KillSwitchScope, TradingStateRecord> _records = new();

    /// <inheritdoc/>
    public IReadOnlyList<TradingStateRecord> Load() => [.. _records.Values];

    /// <inheritdoc/>
    public void Save(TradingStateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.Scope] = record;
    }
}
