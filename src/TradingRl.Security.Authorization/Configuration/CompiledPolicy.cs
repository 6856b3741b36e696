using System.Collections.Frozen;

namespace TradingRl.Security.Authorization;

/// <summary>The policy compiled from <see cref="AuthorizationOptions"/>: roles, rules indexed by permission, step-up, separation of duties.</summary>
internal sealed class CompiledPolicy
{
    private readonly RuleIndex[] _forbids;
    private readonly RuleIndex[] _permits;
    private readonly FrozenDictionary<string, InstrumentRules>?[] _byInstrument;

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
        _byInstrument = new FrozenDictionary<string, InstrumentRules>?[forbids.Length];
        for (var i = 0; i < forbids.Length; i++)
        {
            // One look-up per decision finds both effects' rules for an instrument.
            var keys = forbids[i].ByInstrument.Keys.Concat(permits[i].ByInstrument.Keys).Distinct(StringComparer.Ordinal).ToArray();
            _byInstrument[i] = keys.Length == 0 ? null : keys.ToFrozenDictionary(
                k => k,
                k => new InstrumentRules(forbids[i].ByInstrument.GetValueOrDefault(k) ?? [], permits[i].ByInstrument.GetValueOrDefault(k) ?? []),
                StringComparer.Ordinal);
        }
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

    /// <summary>Gets the forbids and permits of <paramref name="p"/> whose instrument condition lists <paramref name="instrument"/>.</summary>
    public InstrumentRules RulesListing(Permission p, string instrument) =>
        _byInstrument[p.Id] is { } map && map.TryGetValue(instrument, out var rules) ? rules : InstrumentRules.None;

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

/// <summary>The rules of one permission whose instrument condition lists one instrument, by effect, each in ordinal id order.</summary>
internal sealed record InstrumentRules(CompiledRule[] Forbids, CompiledRule[] Permits)
{
    public static readonly InstrumentRules None = new([], []);
}
