using System.Collections.Frozen;
using System.Net;

namespace TradingRl.Security.Authorization;

/// <summary>Checks <see cref="AuthorizationOptions"/> and compiles them; every problem is reported with the name of its culprit.</summary>
internal static class PolicyCompiler
{
    internal const int MaxNameLength = 128;
    private static readonly TimeSpan MaxAuthenticationAgeLimit = TimeSpan.FromDays(30);

    /// <summary>Compiles the policy, defining host permissions in the catalog; returns <see langword="null"/> and the errors when invalid.</summary>
    public static CompiledPolicy? Compile(AuthorizationOptions options, PermissionCatalog catalog, out List<string> errors)
    {
        errors = [];
        DefinePermissions(options, catalog, errors);
        var roles = CompileRoles(options, catalog, errors);
        var (forbids, permits, all) = CompileRules(options, catalog, errors);
        var stepUp = CompileStepUp(options, catalog, errors);
        var dual = CompileDualControl(options, catalog, errors);
        var exclusive = roles is null ? [] : CompileExclusive(options, roles, errors);
        if (errors.Count > 0 || roles is null)
        {
            return null;
        }

        return new CompiledPolicy(
            roles, forbids, permits, stepUp, options.StepUpMaxAge, options.EnforceAccountScope, dual, options.ApprovalLifetime, exclusive, all);
    }

    internal static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':');

    private static void DefinePermissions(AuthorizationOptions options, PermissionCatalog catalog, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in options.Permissions)
        {
            if (!PermissionCatalog.IsValidName(name))
            {
                errors.Add($"Permissions: '{Shorten(name)}' is not a valid permission name (dot-separated lower-case segments of a-z, 0-9, '_' and '-', at most {PermissionCatalog.MaxNameLength} characters).");
                continue;
            }

            if (!seen.Add(name))
            {
                errors.Add($"Permissions: the permission '{name}' is listed twice.");
                continue;
            }

            try
            {
                catalog.Define(name);
            }
            catch (InvalidOperationException ex)
            {
                errors.Add($"Permissions: '{name}' cannot be defined: {ex.Message}");
                return;
            }
        }
    }

    private static RoleRegistry? CompileRoles(AuthorizationOptions options, PermissionCatalog catalog, List<string> errors)
    {
        var definitions = new List<RoleDefinition>();
        if (options.IncludeTradingRoles)
        {
            definitions.AddRange(TradingRoles.CreateDefinitions());
        }

        definitions.AddRange(options.Roles);
        var byName = new Dictionary<string, RoleDefinition>(StringComparer.Ordinal);
        var failed = false;
        foreach (var role in definitions)
        {
            if (role is null || !IsValidName(role.Name))
            {
                errors.Add($"Roles: '{Shorten(role?.Name)}' is not a valid role name (1 to {MaxNameLength} letters, digits, '_', '-', '.' or ':').");
                failed = true;
                continue;
            }

            if (!byName.TryAdd(role.Name, role))
            {
                errors.Add(options.IncludeTradingRoles && TradingRoles.CreateDefinitions().Any(r => r.Name == role.Name)
                    ? $"Roles: the role '{role.Name}' is defined twice: it is one of the seed's roles; set IncludeTradingRoles to false to redefine it."
                    : $"Roles: the role '{role.Name}' is defined twice.");
                failed = true;
            }
        }

        foreach (var role in byName.Values)
        {
            var seenPermissions = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in role.Permissions)
            {
                if (p is null || !catalog.TryGet(p, out _))
                {
                    errors.Add($"Roles: the role '{role.Name}' grants the unknown permission '{Shorten(p)}'; list it in Permissions or fix the name.");
                    failed = true;
                }
                else if (!seenPermissions.Add(p))
                {
                    errors.Add($"Roles: the role '{role.Name}' lists the permission '{p}' twice.");
                    failed = true;
                }
            }

            var seenParents = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parent in role.Inherits)
            {
                if (parent is null || !byName.ContainsKey(parent))
                {
                    errors.Add($"Roles: the role '{role.Name}' inherits from the unknown role '{Shorten(parent)}'.");
                    failed = true;
                }
                else if (!seenParents.Add(parent))
                {
                    errors.Add($"Roles: the role '{role.Name}' inherits from '{parent}' twice.");
                    failed = true;
                }
            }
        }

        if (failed)
        {
            return null;
        }

        // Depth-first over the inheritance graph; a role met again while on the stack closes a cycle.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new Dictionary<string, RoleEntry>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var name in byName.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(name) is { } cycle)
            {
                errors.Add($"Roles: role inheritance has a cycle: {cycle}.");
                return null;
            }
        }

        return new RoleRegistry(entries.ToFrozenDictionary(StringComparer.Ordinal));

        string? Visit(string name)
        {
            if (state.TryGetValue(name, out var s))
            {
                return s == 1 ? string.Join(" -> ", stack.SkipWhile(n => n != name).Append(name)) : null;
            }

            state[name] = 1;
            stack.Add(name);
            var role = byName[name];
            var permissions = PermissionSet.Of([.. role.Permissions.Select(catalog.Get)]);
            var included = new HashSet<string>(StringComparer.Ordinal) { name };
            foreach (var parent in role.Inherits)
            {
                if (Visit(parent) is { } cycle)
                {
                    return cycle;
                }

                permissions = permissions.Union(entries[parent].Permissions);
                included.UnionWith(entries[parent].Included);
            }

            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
            entries[name] = new RoleEntry(name, permissions, included.ToFrozenSet(StringComparer.Ordinal));
            return null;
        }
    }

    private static (RuleIndex[] Forbids, RuleIndex[] Permits, IReadOnlyList<CompiledRule> All) CompileRules(
        AuthorizationOptions options, PermissionCatalog catalog, List<string> errors)
    {
        var compiled = new List<(CompiledRule Rule, PermissionSet Targets, bool All)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in options.Rules)
        {
            if (rule is null || !IsValidName(rule.Id))
            {
                errors.Add($"Rules: '{Shorten(rule?.Id)}' is not a valid rule id (1 to {MaxNameLength} letters, digits, '_', '-', '.' or ':').");
                continue;
            }

            if (!ids.Add(rule.Id))
            {
                errors.Add($"Rules: the rule id '{rule.Id}' is used twice.");
                continue;
            }

            if (CompileRule(rule, catalog, errors) is { } c)
            {
                compiled.Add(c);
            }
        }

        // Ordinal id order, whatever the load order: decisions and their rule ids never depend on it.
        var sorted = compiled.OrderBy(c => c.Rule.Id, StringComparer.Ordinal).ToList();
        var forbidLists = new List<CompiledRule>[PermissionSet.Capacity];
        var permitLists = new List<CompiledRule>[PermissionSet.Capacity];
        for (var id = 0; id < PermissionSet.Capacity; id++)
        {
            forbidLists[id] = [];
            permitLists[id] = [];
        }

        foreach (var (rule, targets, all) in sorted)
        {
            var lists = rule.Effect == RuleEffect.Forbid ? forbidLists : permitLists;
            if (all)
            {
                foreach (var list in lists)
                {
                    list.Add(rule);
                }
            }
            else
            {
                foreach (var id in targets.GetIds())
                {
                    lists[id].Add(rule);
                }
            }
        }

        return ([.. forbidLists.Select(Index)], [.. permitLists.Select(Index)], [.. sorted.Select(c => c.Rule)]);

        static RuleIndex Index(List<CompiledRule> rules) => rules.Count == 0 ? RuleIndex.Empty : new RuleIndex([.. rules]);
    }

    private static (CompiledRule Rule, PermissionSet Targets, bool All)? CompileRule(AuthorizationRuleDefinition rule, PermissionCatalog catalog, List<string> errors)
    {
        var before = errors.Count;
        var prefix = $"Rules: the rule '{rule.Id}'";
        if (!Enum.IsDefined(rule.Effect))
        {
            errors.Add($"{prefix} has an unknown effect; use Permit or Forbid.");
        }

        var targets = PermissionSet.Empty;
        foreach (var p in rule.Permissions)
        {
            if (p is null || !catalog.TryGet(p, out var permission))
            {
                errors.Add($"{prefix} names the unknown permission '{Shorten(p)}'.");
            }
            else if (targets.Contains(permission))
            {
                errors.Add($"{prefix} lists the permission '{p}' twice.");
            }
            else
            {
                targets = targets.Add(permission);
            }
        }

        if (rule.Effect == RuleEffect.Permit && rule.Permissions.Count == 0)
        {
            errors.Add($"{prefix} is a permit without permissions; name the permissions it allows (only a forbid may apply to every permission).");
        }

        var conditions = new List<Condition>();
        if (Set(rule.SubjectDesks, "SubjectDesks") is { } subjectDesks)
        {
            conditions.Add(new SubjectDeskCondition(subjectDesks));
        }

        if (rule.SameDesk)
        {
            conditions.Add(new SameDeskCondition());
        }

        if (rule.OwnAccount)
        {
            conditions.Add(new OwnAccountCondition());
        }

        if (rule.RequireMfa)
        {
            conditions.Add(new MfaCondition());
        }

        if (rule.MaxAuthenticationAge is { } age)
        {
            if (age < TimeSpan.FromSeconds(1) || age > MaxAuthenticationAgeLimit)
            {
                errors.Add($"{prefix} has MaxAuthenticationAge {age}; it must be 1 second to 30 days.");
            }

            conditions.Add(new AuthenticationAgeCondition(age));
        }

        if (rule.SubjectAttributes.Count > 0)
        {
            if (rule.SubjectAttributes.Any(kv => string.IsNullOrEmpty(kv.Key) || kv.Value is null))
            {
                errors.Add($"{prefix} has a subject attribute with an empty name or a null value.");
            }

            conditions.Add(new SubjectAttributesCondition([.. rule.SubjectAttributes.OrderBy(kv => kv.Key, StringComparer.Ordinal)]));
        }

        if (Set(rule.Instruments, "Instruments") is { } instruments)
        {
            conditions.Add(new InstrumentCondition(instruments));
        }

        if (Set(rule.ResourceDesks, "ResourceDesks") is { } resourceDesks)
        {
            conditions.Add(new ResourceDeskCondition(resourceDesks));
        }

        if (Set(rule.Accounts, "Accounts") is { } accounts)
        {
            conditions.Add(new AccountCondition(accounts));
        }

        if (rule.NotionalFrom is not null || rule.NotionalBelow is not null)
        {
            if (rule.NotionalFrom >= rule.NotionalBelow)
            {
                errors.Add($"{prefix} has NotionalFrom {rule.NotionalFrom} not below NotionalBelow {rule.NotionalBelow}: no notional could match.");
            }

            conditions.Add(new NotionalCondition(rule.NotionalFrom, rule.NotionalBelow));
        }

        if (rule.MinClassification is not null || rule.MaxClassification is not null)
        {
            if ((rule.MinClassification is { } lo && !Enum.IsDefined(lo)) || (rule.MaxClassification is { } hi && !Enum.IsDefined(hi)))
            {
                errors.Add($"{prefix} has an unknown classification level; use Public, Internal, Confidential or Restricted.");
            }
            else if (rule.MinClassification > rule.MaxClassification)
            {
                errors.Add($"{prefix} has MinClassification above MaxClassification: no resource could match.");
            }

            conditions.Add(new ClassificationCondition(rule.MinClassification, rule.MaxClassification));
        }

        var needsZone = rule.From is not null || rule.Until is not null || rule.TradingDay is not null;
        TimeZoneInfo? zone = null;
        if (rule.TimeZone is not null || needsZone)
        {
            if (string.IsNullOrWhiteSpace(rule.TimeZone))
            {
                errors.Add($"{prefix} has a time-of-day or trading-day condition without a TimeZone; give an IANA zone such as 'America/New_York'.");
            }
            else if (!TimeZoneInfo.TryFindSystemTimeZoneById(rule.TimeZone, out zone))
            {
                errors.Add($"{prefix} names the unknown time zone '{Shorten(rule.TimeZone)}'; give an IANA zone such as 'America/New_York'.");
            }
            else if (!needsZone)
            {
                errors.Add($"{prefix} has a TimeZone but no From/Until or TradingDay condition that uses it.");
            }
        }

        if (rule.From is not null || rule.Until is not null)
        {
            if (rule.From is not { } from || rule.Until is not { } until)
            {
                errors.Add($"{prefix} sets only one of From and Until; set both.");
            }
            else if (from == until)
            {
                errors.Add($"{prefix} has From equal to Until ({from}); a window must not be empty or ambiguous.");
            }
            else if (zone is not null)
            {
                conditions.Add(new TimeWindowCondition(zone, from, until));
            }
        }

        if (rule.TradingDay is { } tradingDay && zone is not null)
        {
            conditions.Add(new TradingDayCondition(zone, tradingDay));
        }

        if (Networks(rule.SourceNetworks, "SourceNetworks") is { } inside)
        {
            conditions.Add(new SourceNetworkCondition(inside, inside: true));
        }

        if (Networks(rule.SourceOutsideNetworks, "SourceOutsideNetworks") is { } outside)
        {
            conditions.Add(new SourceNetworkCondition(outside, inside: false));
        }

        if (errors.Count > before)
        {
            return null;
        }

        var all = rule.Permissions.Count == 0;
        return (new CompiledRule(rule.Id, rule.Effect, [.. conditions]), targets, all);

        FrozenSet<string>? Set(IList<string> values, string member)
        {
            if (values.Count == 0)
            {
                return null;
            }

            if (values.Any(string.IsNullOrEmpty))
            {
                errors.Add($"{prefix} has an empty value in {member}.");
            }

            return values.Where(v => !string.IsNullOrEmpty(v)).ToFrozenSet(StringComparer.Ordinal);
        }

        IPNetwork[]? Networks(IList<string> values, string member)
        {
            if (values.Count == 0)
            {
                return null;
            }

            var list = new List<IPNetwork>();
            foreach (var v in values)
            {
                if (v is null || !IPNetwork.TryParse(v, out var network))
                {
                    errors.Add($"{prefix} has '{Shorten(v)}' in {member}, which is not a CIDR network such as '10.0.0.0/8'.");
                }
                else
                {
                    list.Add(network);
                }
            }

            return [.. list];
        }
    }

    private static PermissionSet CompileStepUp(AuthorizationOptions options, PermissionCatalog catalog, List<string> errors)
    {
        var names = options.StepUpPermissions ??
            [Security.Permissions.ManageSecuritySettings.Name, Security.Permissions.ManageUsers.Name, Security.Permissions.ModifyRiskLimits.Name];
        var set = PermissionSet.Empty;
        foreach (var name in names)
        {
            if (name is null || !catalog.TryGet(name, out var p))
            {
                errors.Add($"StepUpPermissions: the permission '{Shorten(name)}' is unknown.");
            }
            else
            {
                set = set.Add(p);
            }
        }

        return set;
    }

    private static FrozenDictionary<Permission, Permission> CompileDualControl(AuthorizationOptions options, PermissionCatalog catalog, List<string> errors)
    {
        var list = options.DualControl ?? [new DualControlDefinition { Permission = Security.Permissions.ModifyRiskLimits.Name }];
        var map = new Dictionary<Permission, Permission>();
        foreach (var d in list)
        {
            if (d is null || !catalog.TryGet(d.Permission ?? string.Empty, out var action))
            {
                errors.Add($"DualControl: the permission '{Shorten(d?.Permission)}' is unknown.");
                continue;
            }

            var approverName = string.IsNullOrEmpty(d.ApproverPermission) ? d.Permission! : d.ApproverPermission;
            if (!catalog.TryGet(approverName, out var approver))
            {
                errors.Add($"DualControl: the approver permission '{Shorten(approverName)}' of '{d.Permission}' is unknown.");
            }
            else if (!map.TryAdd(action, approver))
            {
                errors.Add($"DualControl: the permission '{d.Permission}' is listed twice.");
            }
        }

        return map.ToFrozenDictionary();
    }

    private static List<(string Name, FrozenSet<string> Roles)> CompileExclusive(AuthorizationOptions options, RoleRegistry roles, List<string> errors)
    {
        var result = new List<(string, FrozenSet<string>)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in options.ExclusiveRoles)
        {
            if (set is null || !IsValidName(set.Name))
            {
                errors.Add($"ExclusiveRoles: '{Shorten(set?.Name)}' is not a valid constraint name.");
                continue;
            }

            if (!names.Add(set.Name))
            {
                errors.Add($"ExclusiveRoles: the name '{set.Name}' is used twice.");
                continue;
            }

            var members = set.Roles.Where(r => r is not null).Distinct(StringComparer.Ordinal).ToList();
            if (members.Count < 2 || members.Count != set.Roles.Count)
            {
                errors.Add($"ExclusiveRoles: '{set.Name}' must list at least two distinct roles.");
                continue;
            }

            foreach (var unknown in members.Where(r => !roles.Contains(r)))
            {
                errors.Add($"ExclusiveRoles: '{set.Name}' names the unknown role '{unknown}'.");
            }

            result.Add((set.Name, members.ToFrozenSet(StringComparer.Ordinal)));
        }

        // A role that itself includes two exclusive roles could never be assigned: refuse it now.
        foreach (var role in roles.Names.Order(StringComparer.Ordinal))
        {
            var included = roles.GetIncludedRoles(role);
            foreach (var (name, set) in result)
            {
                if (set.Count(included.Contains) > 1)
                {
                    errors.Add($"ExclusiveRoles: the role '{role}' includes more than one role of '{name}' through inheritance.");
                }
            }
        }

        return result;
    }

    // Echo at most a short prefix of a bad value: configuration can hold anything.
    private static string Shorten(string? value) =>
        value is null ? "(null)" : value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "...");
}
