namespace TradingRl.Security.Authorization;

/// <summary>The outcome of an authorization check: allowed or denied, why, and the rules that decided it.</summary>
/// <remarks>An immutable value; the default value denies with <see cref="AuthorizationReason.NotEvaluated"/>. Making an allow decision allocates nothing.</remarks>
public readonly struct AuthorizationDecision : IEquatable<AuthorizationDecision>
{
    private static readonly string[] NoRules = [];
    private readonly string[]? _ruleIds;

    internal AuthorizationDecision(bool isAllowed, AuthorizationReason reason, Permission permission, string[]? ruleIds)
    {
        IsAllowed = isAllowed;
        Reason = reason;
        Permission = permission;
        _ruleIds = ruleIds;
    }

    /// <summary>Gets a value indicating whether the action is allowed.</summary>
    public bool IsAllowed { get; }

    /// <summary>Gets why.</summary>
    public AuthorizationReason Reason { get; }

    /// <summary>Gets the reason as a stable snake_case code for events and logs, e.g. <c>permission_not_granted</c>.</summary>
    public string ReasonCode => Reason switch
    {
        AuthorizationReason.GrantedByRole => "granted_by_role",
        AuthorizationReason.PermittedByRule => "permitted_by_rule",
        AuthorizationReason.UnknownPermission => "unknown_permission",
        AuthorizationReason.PermissionNotGranted => "permission_not_granted",
        AuthorizationReason.StepUpRequired => "step_up_required",
        AuthorizationReason.CrossDesk => "cross_desk",
        AuthorizationReason.AccountNotPermitted => "account_not_permitted",
        AuthorizationReason.ForbiddenByRule => "forbidden_by_rule",
        AuthorizationReason.ForbidRuleNotEvaluable => "forbid_rule_not_evaluable",
        AuthorizationReason.NoPermitMatched => "no_permit_matched",
        _ => "not_evaluated",
    };

    /// <summary>Gets the permission decided on.</summary>
    public Permission Permission { get; }

    /// <summary>Gets the ids of the rules that decided: the satisfied permit on an allow, every satisfied or unevaluable forbid on a deny, ordinal order.</summary>
    /// <value>Empty when no rule decided (a role grant, or a check before the rules).</value>
    public IReadOnlyList<string> RuleIds => _ruleIds ?? NoRules;

    /// <summary>Compares two decisions.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(AuthorizationDecision left, AuthorizationDecision right) => left.Equals(right);

    /// <summary>Compares two decisions.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(AuthorizationDecision left, AuthorizationDecision right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(AuthorizationDecision other) =>
        IsAllowed == other.IsAllowed && Reason == other.Reason && Permission == other.Permission &&
        RuleIds.SequenceEqual(other.RuleIds, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AuthorizationDecision d && Equals(d);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsAllowed, Reason, Permission, RuleIds.Count);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(IsAllowed ? "allow" : "deny")} {Permission.Name} {ReasonCode}{(RuleIds.Count > 0 ? " [" + string.Join(", ", RuleIds) + "]" : string.Empty)}";
}
