namespace TradingRl.Security.Incidents;

/// <summary>A snapshot of the detection engine's counters.</summary>
/// <param name="EventsSeen">Events handed to the engine.</param>
/// <param name="EventsEvaluated">Events read by at least one rule and evaluated (not duplicate, not late).</param>
/// <param name="Duplicates">Events ignored because their id was already processed (at-least-once redelivery).</param>
/// <param name="DroppedLate">Events older than the newest event minus the allowed lateness, not counted by any rule.</param>
/// <param name="ClockSkewClamped">Events stamped further in the future than the allowed clock skew, evaluated at the host time.</param>
/// <param name="AlertsRaised">Alerts raised.</param>
/// <param name="Suppressed">Matching events counted into an earlier alert's suppression instead of alerting.</param>
/// <param name="KeysEvicted">Group keys whose live state was evicted because a rule reached its key cap.</param>
/// <param name="KeysExpired">Group keys evicted at the cap whose state had already expired (no loss).</param>
/// <param name="TrackedKeys">Group keys currently held, over all rules.</param>
/// <param name="WindowEvictions">Events dropped from a key's window buffer at its capacity (distinct-count and sequence rules); while this stays 0, late events are evaluated exactly.</param>
public sealed record DetectionStatistics(
    long EventsSeen,
    long EventsEvaluated,
    long Duplicates,
    long DroppedLate,
    long ClockSkewClamped,
    long AlertsRaised,
    long Suppressed,
    long KeysEvicted,
    long KeysExpired,
    long TrackedKeys,
    long WindowEvictions);
