namespace TradingRl.Security.Incidents;

/// <summary>What a replay of recorded events through rules produced.</summary>
/// <param name="Alerts">The alerts, in the order raised.</param>
/// <param name="Statistics">The engine's counters after the replay.</param>
public sealed record DetectionReplayResult(IReadOnlyList<SecurityAlert> Alerts, DetectionStatistics Statistics);
