namespace TradingRl.Security.Compliance;

/// <summary>The live state of one account: positions, open orders, rate windows and the daily-loss latch.</summary>
/// <remarks>Every member is guarded by <see cref="Sync"/>; a check or a fill for the account holds it throughout, so reservation is atomic.</remarks>
internal sealed class AccountState(TradingAccount definition)
{
    public Lock Sync { get; } = new();

    public TradingAccount Definition { get; set; } = definition;

    /// <summary>Gets the combined limits this account's orders last used.</summary>
    public EffectiveLimitsCache Limits { get; } = new();

    public Dictionary<InstrumentState, PositionState> Positions { get; } = [];

    public List<PositionState> PositionList { get; } = [];

    public Dictionary<string, OpenOrderEntry> OpenOrders { get; } = new(StringComparer.Ordinal);

    public SlidingWindow OrderWindow { get; } = new();

    public SlidingWindow MessageWindow { get; } = new();

    /// <summary>Set once the daily loss reached its limit today; cleared by a new day.</summary>
    public bool DailyLossBreached { get; set; }

    public PositionState GetOrAddPosition(InstrumentState instrument)
    {
        if (!Positions.TryGetValue(instrument, out var position))
        {
            position = new PositionState(instrument);
            Positions.Add(instrument, position);
            PositionList.Add(position);
        }

        return position;
    }
}
