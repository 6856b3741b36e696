using System.Collections.Frozen;

namespace TradingRl.Security.Authorization;

/// <summary>The policy compiled from <see cref="AuthorizationOptions"/>: roles, rules indexed by permission, step-up, separation of duties.</summary>
internal sealed class CompiledPolicy
{
    private readonly RuleIndex[] _forbids;
    private readonly RuleIndex[] _permits;

    public CompiledPolicy(
        RoleRegistry roles,
        RuleIndex[] forbids,
        RuleIndex[] permits,
        PermissionSet stepUp,
        TimeSpan stepUpMaxAge,
        bool enforceAccountScope,
        FrozenDictionary<Permission, Permission> dualControl,
        TimeSpan approvalLifetime,
        IReadOnlyList<(string Name, FrozenSet<string> Roles)> exclusiveRoles,
        IReadOnlyList<CompiledRule> allRules)
    {
        Roles = roles;
        _forbids = forbids;
        _permits = permits;
        StepUp = stepUp;
        StepUpMaxAge = stepUpMaxAge;
        EnforceAccountScope = enforceAccountScope;
        DualControl = dualControl;
        ApprovalLifetime = approvalLifetime;
        ExclusiveRoles = exclusiveRoles;
        AllRules = allRules;
    }

    public RoleRegistry Roles { get; }

    public PermissionSet StepUp { get; }

    public TimeSpan StepUpMaxAge { get; }

    public bool EnforceAccountScope { get; }

    public FrozenDictionary<Permission, Permission> DualControl { get; }

    public TimeSpan ApprovalLifetime { get; }

    public IReadOnlyList<(string Name, FrozenSet<string> Roles)> ExclusiveRoles { get; }

    public IReadOnlyList<CompiledRule> AllRules { get; }

    // Ids are below PermissionSet.Capacity for every defined permission: callers check IsDefined first.
    public RuleIndex ForbidsFor(Permission p) => _forbids[p.Id];

    public RuleIndex PermitsFor(Permission p) => _permits[p.Id];

    /// <summary>Returns the name of an exclusive set that the union of <paramref name="roles"/> violates, or <see langword="null"/>.</summary>
    public string? FindExclusiveViolation(IEnumerable<string> roles)
    {
        if (ExclusiveRoles.Count == 0)
        {
            return null;
        }

        var included = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in roles)
        {
            included.UnionWith(Roles.GetIncludedRoles(r));
        }

        foreach (var (name, set) in ExclusiveRoles)
        {
            if (set.Count(included.Contains) > 1)
            {
                return name;
            }
        }

        return null;
    }
}
