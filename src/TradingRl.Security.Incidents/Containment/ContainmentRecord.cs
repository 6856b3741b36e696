namespace TradingRl.Security.Incidents;

/// <summary>One containment action taken on an incident, and its result.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Actor">Who ran it: a person, or <c>rule:&lt;id&gt;</c> when automatic.</param>
/// <param name="Action">The action.</param>
/// <param name="Target">The account, strategy or <c>global</c>.</param>
/// <param name="Succeeded">Whether it took effect.</param>
/// <param name="Detail">The result, e.g. how many sessions were revoked, or why it failed.</param>
/// <param name="Automatic">Whether a rule triggered it.</param>
public sealed record ContainmentRecord(DateTimeOffset At, string Actor, ContainmentAction Action, string Target, bool Succeeded, string Detail, bool Automatic);
