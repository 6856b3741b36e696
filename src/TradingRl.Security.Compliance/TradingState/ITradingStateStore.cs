namespace TradingRl.Security.Compliance;

/// <summary>Keeps trading states and kill-switch records so they survive a restart.</summary>
/// <remarks>
/// Read once when the <see cref="TradingStateController"/> starts and written on every change (never on the order path).
/// An implementation must make each <see cref="Save"/> durable and atomic before it returns, and must throw rather than return
/// partial records when its data is unreadable: starting with a kill switch silently forgotten would fail open.
/// </remarks>
public interface ITradingStateStore
{
    /// <summary>Reads every stored record.</summary>
    /// <returns>The records, one per scope.</returns>
    IReadOnlyList<TradingStateRecord> Load();

    /// <summary>Stores the record of one scope, replacing the previous one.</summary>
    /// <param name="record">The record.</param>
    void Save(TradingStateRecord record);
}
