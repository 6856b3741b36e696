namespace TradingRl.Security.Authorization;

/// <summary>A change requested by a maker that a different user (the checker) must approve before it is carried out.</summary>
/// <param name="Id">The request id: 128 random bits, hex.</param>
/// <param name="Maker">The subject of the user who requested the change.</param>
/// <param name="Permission">The permission of the change, e.g. <c>risk.limits.modify</c>.</param>
/// <param name="Desk">The desk the change belongs to.</param>
/// <param name="Account">The account the change concerns, when any.</param>
/// <param name="Resource">What is changed, e.g. <c>risk-limit/agent-1/max-notional</c>.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="ExpiresAt">When it lapses if undecided.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Checker">The subject who decided it, once decided.</param>
/// <param name="DecidedAt">When it was decided.</param>
public sealed record ApprovalRequest(
    string Id,
    string Maker,
    Permission Permission,
    string? Desk,
    string? Account,
    string Resource,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    ApprovalStatus Status,
    string? Checker = null,
    DateTimeOffset? DecidedAt = null);
