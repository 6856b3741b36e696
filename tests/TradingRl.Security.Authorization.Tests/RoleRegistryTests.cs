using Microsoft.Extensions.DependencyInjection;

namespace TradingRl.Security.Authorization.Tests;

public sealed class RoleRegistryTests
{
    // The seed's permission matrix (section 2.2), written out: role, permission, granted.
    public static TheoryData<string, string, bool> GoldenMatrix => new()
    {
        { "admin", "orders.place", true }, { "trader", "orders.place", true }, { "analyst", "orders.place", false }, { "viewer", "orders.place", false },
        { "admin", "orders.cancel", true }, { "trader", "orders.cancel", true }, { "analyst", "orders.cancel", false }, { "viewer", "orders.cancel", false },
        { "admin", "orders.view", true }, { "trader", "orders.view", true }, { "analyst", "orders.view", true }, { "viewer", "orders.view", true },
        { "admin", "positions.modify", true }, { "trader", "positions.modify", true }, { "analyst", "positions.modify", false }, { "viewer", "positions.modify", false },
        { "admin", "risk.metrics.view", true }, { "trader", "risk.metrics.view", true }, { "analyst", "risk.metrics.view", true }, { "viewer", "risk.metrics.view", true },
        { "admin", "risk.limits.modify", true }, { "trader", "risk.limits.modify", true }, { "analyst", "risk.limits.modify", false }, { "viewer", "risk.limits.modify", false },
        { "admin", "risk.calculations.run", true }, { "trader", "risk.calculations.run", true }, { "analyst", "risk.calculations.run", true }, { "viewer", "risk.calculations.run", false },
        { "admin", "risk.alerts.view", true }, { "trader", "risk.alerts.view", true }, { "analyst", "risk.alerts.view", true }, { "viewer", "risk.alerts.view", true },
        { "admin", "users.manage", true }, { "trader", "users.manage", false }, { "analyst", "users.manage", false }, { "viewer", "users.manage", false },
        { "admin", "system.configure", true }, { "trader", "system.configure", false }, { "analyst", "system.configure", false }, { "viewer", "system.configure", false },
        { "admin", "security.settings.manage", true }, { "trader", "security.settings.manage", false }, { "analyst", "security.settings.manage", false }, { "viewer", "security.settings.manage", false },
        { "admin", "monitoring.access", true }, { "trader", "monitoring.access", false }, { "analyst", "monitoring.access", false }, { "viewer", "monitoring.access", false },
    };

    [Theory]
    [MemberData(nameof(GoldenMatrix))]
    public async Task Resolve_SeedRole_MatchesSeedMatrix(string role, string permission, bool granted)
    {
        await using var host = new AuthorizationHost();
        var p = host.Services.GetRequiredService<PermissionCatalog>().Get(permission);
        Assert.Equal(granted, host.Roles.Resolve([role]).Contains(p));

        // The full decision on a principal agrees with the matrix (admin's step-up permissions get a fresh second factor).
        var principal = host.Principal("u1", [role], mfa: true);
        var decision = host.Authorizer.Authorize(principal, new AuthorizationRequest(p) { Desk = "equities" });
        Assert.Equal(granted, decision.IsAllowed);
        Assert.Equal(granted ? AuthorizationReason.GrantedByRole : AuthorizationReason.PermissionNotGranted, decision.Reason);
    }

    [Fact]
    public void GoldenMatrix_CoversEveryRoleAndEveryBuiltInPermission()
    {
        var rows = GoldenMatrix.Select(r => ((string)r[0], (string)r[1])).ToHashSet();
        Assert.Equal(4 * Permissions.BuiltInCount, rows.Count);
        foreach (var p in Permissions.All)
        {
            foreach (var role in new[] { TradingRoles.Admin, TradingRoles.Trader, TradingRoles.Analyst, TradingRoles.Viewer })
            {
                Assert.Contains((role, p.Name), rows);
            }
        }
    }

    [Fact]
    public async Task Resolve_UnknownOrNoRole_GrantsNothing()
    {
        await using var host = new AuthorizationHost();
        Assert.True(host.Roles.Resolve([]).IsEmpty);
        Assert.True(host.Roles.Resolve(["superuser", "Admin", "admin "]).IsEmpty);
        Assert.False(host.Roles.TryGetPermissions("superuser", out var none));
        Assert.True(none.IsEmpty);
    }

    [Fact]
    public async Task Resolve_Null_Throws()
    {
        await using var host = new AuthorizationHost();
        Assert.Throws<ArgumentNullException>(() => host.Roles.Resolve(null!));
        Assert.Throws<ArgumentNullException>(() => host.Roles.Holds(["admin"], null!));
    }

    [Fact]
    public async Task Holds_InheritedRole_True()
    {
        await using var host = new AuthorizationHost();
        Assert.True(host.Roles.Holds(["admin"], "viewer"));
        Assert.True(host.Roles.Holds(["trader"], "analyst"));
        Assert.False(host.Roles.Holds(["analyst"], "trader"));
        Assert.Equal(["admin", "analyst", "trader", "viewer"], host.Roles.GetIncludedRoles("admin").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Resolve_ThousandsOfRolesAndHundredsOfPermissions_Precomputed()
    {
        // 300 host permissions (312 in all) and 3,000 roles, each inheriting from the one before in chains of ten.
        await using var host = new AuthorizationHost(o =>
        {
            for (var i = 0; i < 300; i++)
            {
                o.Permissions.Add($"host.p{i}");
            }

            for (var i = 0; i < 3000; i++)
            {
                o.Roles.Add(new RoleDefinition
                {
                    Name = $"r{i}",
                    Permissions = [$"host.p{i % 300}"],
                    Inherits = i % 10 == 0 ? [] : [$"r{i - 1}"],
                });
            }
        });

        // Host permissions are defined when the policy compiles (at host start, or on first use as here).
        Assert.Equal(3004, host.Roles.Count);
        var catalog = host.Services.GetRequiredService<PermissionCatalog>();
        Assert.Equal(312, catalog.Count);
        var set = host.Roles.Resolve(["r2999"]);
        Assert.Equal(10, set.Count);
        Assert.True(set.Contains(catalog.Get("host.p290")));
        Assert.True(set.Contains(catalog.Get("host.p299")));
        Assert.False(set.Contains(catalog.Get("host.p289")));
    }
}
