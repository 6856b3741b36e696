namespace TradingRl.Security.Compliance;

/// <summary>The trading state and kill-switch record of one scope.</summary>
/// <remarks>Writes take the instance's lock; the gate reads <see cref="State"/> and <see cref="Engaged"/> without it (volatile).</remarks>
internal sealed class ScopeControl
{
    private volatile int _state;
    private volatile bool _engaged;

    public Lock Sync { get; } = new();

    public TradingState State { get => (TradingState)_state; set => _state = (int)value; }

    public bool Engaged { get => _engaged; set => _engaged = value; }

    /// <summary>Everyone who engaged the switch while it was engaged; none of them may release it.</summary>
    public HashSet<string> EngagedBy { get; } = new(StringComparer.Ordinal);
}
