namespace TradingRl.Security.Compliance;

/// <summary>The stored trading state and kill-switch record of one scope.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="State">The trading state.</param>
/// <param name="KillSwitchEngaged">Whether the kill switch is engaged for the scope.</param>
/// <param name="EngagedBy">Everyone who engaged it while it was engaged; none of them may release it.</param>
/// <param name="UpdatedAt">When the record last changed.</param>
public sealed record TradingStateRecord(KillSwitchScope Scope, TradingState State, bool KillSwitchEngaged, IReadOnlyList<string> EngagedBy, DateTimeOffset UpdatedAt);
