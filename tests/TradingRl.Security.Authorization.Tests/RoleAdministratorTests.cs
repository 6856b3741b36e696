using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization.Tests;

public sealed class RoleAdministratorTests
{
    private static void Custom(AuthorizationOptions o)
    {
        o.Roles.Add(new RoleDefinition { Name = "user-manager", Permissions = ["users.manage", "orders.view"] });
        o.Roles.Add(new RoleDefinition { Name = "maker", Permissions = ["positions.modify"] });
        o.Roles.Add(new RoleDefinition { Name = "checker", Permissions = ["positions.modify"] });
        o.Roles.Add(new RoleDefinition { Name = "desk-head-a", Inherits = ["admin", "maker"] });
        o.Roles.Add(new RoleDefinition { Name = "desk-head-b", Inherits = ["admin", "checker"] });
        o.ExclusiveRoles.Add(new ExclusiveRoleSet { Name = "maker-checker", Roles = ["maker", "checker"] });
    }

    [Fact]
    public async Task AssignRole_AdminAssignsHeldRole_AssignedAndEventPublished()
    {
        await using var host = new AuthorizationHost();
        var admin = host.Principal("alice", ["admin"], mfa: true);
        var result = await host.Administrator.AssignRoleAsync(admin, "bob", "trader");
        Assert.Equal(RoleChangeStatus.Assigned, result.Status);
        Assert.True(result.Succeeded);
        Assert.Equal(new RoleAssignment("bob", "equities", ["trader"], 1), result.Assignment! with { Roles = [.. result.Assignment.Roles] }, new AssignmentComparer());
        Assert.Equal(RoleChangeStatus.AlreadyAssigned, (await host.Administrator.AssignRoleAsync(admin, "bob", "trader")).Status);

        var e = Assert.Single(await host.EventsOfTypeAsync(SecurityEventTypes.RoleAssigned.Type));
        Assert.Equal("alice", e.Actor);
        Assert.Equal("user/bob", e.Resource);
        Assert.Equal("trader", e.GetProperty("role"));

        Assert.Equal(RoleChangeStatus.Removed, (await host.Administrator.RemoveRoleAsync(admin, "bob", "trader")).Status);
        Assert.Equal(RoleChangeStatus.NotAssigned, (await host.Administrator.RemoveRoleAsync(admin, "bob", "trader")).Status);
        var removed = Assert.Single(await host.EventsOfTypeAsync(SecurityEventTypes.RoleRemoved.Type));
        Assert.Equal("trader", removed.GetProperty("role"));
        Assert.Empty((await host.Store.GetAsync("bob"))!.Roles);
    }

    [Fact]
    public async Task AssignRole_ToSelf_RefusedEvenForAdmin()
    {
        await using var host = new AuthorizationHost();
        var admin = host.Principal("alice", ["admin"], mfa: true);
        var result = await host.Administrator.AssignRoleAsync(admin, "alice", "viewer");
        Assert.Equal(RoleChangeStatus.SelfAssignment, result.Status);
        Assert.False(result.Succeeded);
        Assert.Null(await host.Store.GetAsync("alice"));
        var e = Assert.Single(await host.EventsOfTypeAsync(SecurityEventTypes.PrivilegeEscalation.Type));
        Assert.Equal("self_assignment", e.GetProperty("reason"));
    }

    [Fact]
    public async Task AssignRole_BeyondOwnPermissions_RefusedAsEscalation()
    {
        await using var host = new AuthorizationHost(Custom);
        var manager = host.Principal("mgr", ["user-manager"], mfa: true);

        // The user manager may manage users but holds neither admin nor trader: granting them would escalate.
        Assert.Equal(RoleChangeStatus.RoleNotHeld, (await host.Administrator.AssignRoleAsync(manager, "bob", "admin")).Status);
        Assert.Equal(RoleChangeStatus.RoleNotHeld, (await host.Administrator.AssignRoleAsync(manager, "bob", "trader")).Status);
        Assert.Equal(RoleChangeStatus.Assigned, (await host.Administrator.AssignRoleAsync(manager, "bob", "user-manager")).Status);

        // A principal claiming a role whose permissions it lacks (a stale or tampered token) cannot grant it.
        var claimsAdmin = host.Principal("eve", ["admin"], mfa: true);
        var weak = new SecurityPrincipal("eve")
        {
            Roles = ["admin"], Permissions = PermissionSet.Of(Permissions.ManageUsers), Desk = "equities",
            AuthenticationMethods = ["pwd", "mfa"], AuthenticatedAt = host.Time.GetUtcNow(),
        };
        Assert.Equal(RoleChangeStatus.ExceedsOwnPermissions, (await host.Administrator.AssignRoleAsync(weak, "bob", "trader")).Status);
        Assert.Equal(RoleChangeStatus.Assigned, (await host.Administrator.AssignRoleAsync(claimsAdmin, "bob", "trader")).Status);

        var escalations = await host.EventsOfTypeAsync(SecurityEventTypes.PrivilegeEscalation.Type);
        Assert.Equal(["role_not_held", "role_not_held", "exceeds_own_permissions"], escalations.Select(e => e.GetProperty("reason")));
        Assert.Equal(["trader", "user-manager"], (await host.Store.GetAsync("bob"))!.Roles);
    }

    [Fact]
    public async Task AssignRole_WithoutUserManagement_NotPermitted()
    {
        await using var host = new AuthorizationHost();
        var trader = host.Principal("t", ["trader"], mfa: true);
        var result = await host.Administrator.AssignRoleAsync(trader, "bob", "viewer");
        Assert.Equal(RoleChangeStatus.NotPermitted, result.Status);
        Assert.Equal("permission_not_granted", result.Detail);
        Assert.Single(await host.EventsOfTypeAsync(SecurityEventTypes.AccessDenied.Type));
    }

    [Fact]
    public async Task AssignRole_AdminWithoutRecentMfa_StepUpRequired()
    {
        await using var host = new AuthorizationHost();
        var admin = host.Principal("alice", ["admin"], mfa: true);
        host.Time.Advance(TimeSpan.FromMinutes(16));
        var result = await host.Administrator.AssignRoleAsync(admin, "bob", "viewer");
        Assert.Equal(RoleChangeStatus.NotPermitted, result.Status);
        Assert.Equal("step_up_required", result.Detail);
    }

    [Fact]
    public async Task AssignRole_UnknownRoleOrOtherDesk_Refused()
    {
        await using var host = new AuthorizationHost();
        var admin = host.Principal("alice", ["admin"], mfa: true);
        Assert.Equal(RoleChangeStatus.UnknownRole, (await host.Administrator.AssignRoleAsync(admin, "bob", "root")).Status);
        var other = await host.Administrator.AssignRoleAsync(admin, "carol", "viewer", desk: "fx");
        Assert.Equal(RoleChangeStatus.NotPermitted, other.Status);
        Assert.Equal("cross_desk", other.Detail);

        var fxAdmin = host.Principal("fx-admin", ["admin"], desk: "fx", mfa: true);
        Assert.Equal(RoleChangeStatus.Assigned, (await host.Administrator.AssignRoleAsync(admin, "bob", "viewer")).Status);
        Assert.Equal(RoleChangeStatus.NotPermitted, (await host.Administrator.RemoveRoleAsync(fxAdmin, "bob", "viewer")).Status);
        Assert.Equal(["viewer"], (await host.Store.GetAsync("bob"))!.Roles);
    }

    [Fact]
    public async Task AssignRole_MutuallyExclusiveRoles_Refused()
    {
        await using var host = new AuthorizationHost(Custom);
        var headA = host.Principal("head-a", ["desk-head-a"], mfa: true);
        var headB = host.Principal("head-b", ["desk-head-b"], mfa: true);
        Assert.Equal(RoleChangeStatus.Assigned, (await host.Administrator.AssignRoleAsync(headA, "bob", "maker")).Status);
        var result = await host.Administrator.AssignRoleAsync(headB, "bob", "checker");
        Assert.Equal(RoleChangeStatus.ExclusiveRoles, result.Status);
        Assert.Equal("maker-checker", result.Detail);
    }

    [Fact]
    public async Task AssignRole_ConcurrentExclusiveAssignments_NeverBoth()
    {
        await using var host = new AuthorizationHost(Custom);
        var headA = host.Principal("head-a", ["desk-head-a"], mfa: true);
        var headB = host.Principal("head-b", ["desk-head-b"], mfa: true);
        var users = Enumerable.Range(0, 100).Select(i => $"u{i}").ToArray();
        await Task.WhenAll(users.SelectMany(u => new[]
        {
            Task.Run(async () => await host.Administrator.AssignRoleAsync(headA, u, "maker")),
            Task.Run(async () => await host.Administrator.AssignRoleAsync(headB, u, "checker")),
        }));
        foreach (var u in users)
        {
            var roles = (await host.Store.GetAsync(u))!.Roles;
            Assert.Single(roles);
        }
    }

    [Fact]
    public async Task AssignRole_ConcurrentChangesToOneUser_NoLostUpdate()
    {
        await using var host = new AuthorizationHost(o =>
        {
            for (var i = 0; i < 12; i++)
            {
                o.Roles.Add(new RoleDefinition { Name = $"r{i}", Permissions = ["orders.view"] });
            }

            o.Roles.Add(new RoleDefinition { Name = "super", Inherits = ["admin", .. Enumerable.Range(0, 12).Select(i => $"r{i}")] });
        });
        var admin = host.Principal("root", ["super"], mfa: true);
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () => await host.Administrator.AssignRoleAsync(admin, "bob", $"r{i}"))));
        var stored = (await host.Store.GetAsync("bob"))!;
        var assigned = results.Count(r => r.Status == RoleChangeStatus.Assigned);
        Assert.Equal(stored.Roles.Count, assigned);
        Assert.Equal(stored.Version, assigned);
        Assert.True(assigned >= 1);
        Assert.All(results, r => Assert.True(r.Status is RoleChangeStatus.Assigned or RoleChangeStatus.Conflict));
        Assert.Equal(stored.Roles.Order(StringComparer.Ordinal), stored.Roles);
    }

    [Theory]
    [InlineData(null, "viewer")]
    [InlineData("", "viewer")]
    [InlineData("   ", "viewer")]
    [InlineData("bob", "")]
    [InlineData("bob", null)]
    public async Task AssignRole_MalformedInput_Throws(string? subject, string? role)
    {
        await using var host = new AuthorizationHost();
        var admin = host.Principal("alice", ["admin"], mfa: true);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await host.Administrator.AssignRoleAsync(admin, subject!, role!));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await host.Administrator.AssignRoleAsync(admin, new string('x', 257), "viewer"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await host.Administrator.AssignRoleAsync(null!, "bob", "viewer"));
    }

    private sealed class AssignmentComparer : IEqualityComparer<RoleAssignment>
    {
        public bool Equals(RoleAssignment? x, RoleAssignment? y) =>
            x is not null && y is not null && x.Subject == y.Subject && x.Desk == y.Desk && x.Version == y.Version && x.Roles.SequenceEqual(y.Roles);

        public int GetHashCode(RoleAssignment obj) => obj.Subject.GetHashCode(StringComparison.Ordinal);
    }
}
