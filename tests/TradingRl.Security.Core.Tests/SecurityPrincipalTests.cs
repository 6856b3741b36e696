using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

public sealed class SecurityPrincipalTests
{
    [Fact]
    public void Principal_FromBuilder_AnswersPermissionsRolesAccountsAndMfa()
    {
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var p = new SecurityPrincipalBuilder("alice")
            .WithRoles("trader")
            .WithPermissions(Permissions.PlaceOrder, Permissions.CancelOrder)
            .OnDesk("fx")
            .ForAccounts("agent-1")
            .WithMultiFactor(at)
            .WithSession("s-1")
            .WithAttribute("strategy", "momentum")
            .Build();

        Assert.True(p.HasPermission(Permissions.PlaceOrder));
        Assert.False(p.HasPermission(Permissions.ManageUsers));
        Assert.True(p.IsInRole("trader"));
        Assert.False(p.IsInRole("Trader"));
        Assert.True(p.CanActFor("agent-1"));
        Assert.False(p.CanActFor("agent-2"));
        Assert.True(p.HasMultiFactor);
        Assert.Equal(at, p.AuthenticatedAt);
        Assert.Equal("momentum", p.Attributes["strategy"]);
    }

    [Fact]
    public void Principal_PasswordOnly_HasNoMultiFactor()
    {
        Assert.False(new SecurityPrincipal("bob") { AuthenticationMethods = [AuthenticationMethods.Password] }.HasMultiFactor);
    }

    [Fact]
    public void Principal_BadInputs_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new SecurityPrincipal(null!));
        Assert.Throws<ArgumentException>(() => new SecurityPrincipal(string.Empty));
        Assert.Throws<ArgumentException>(() => new SecurityPrincipal("   "));
        Assert.Throws<ArgumentException>(() => new SecurityPrincipal(new string('a', 257)));
        Assert.Throws<ArgumentException>(() => new SecurityPrincipal("a") { Roles = ["trader", null!] });
        Assert.Throws<ArgumentNullException>(() => new SecurityPrincipal("a") { Accounts = null! });
        Assert.Throws<ArgumentException>(() => new SecurityPrincipal("a") { Desk = string.Empty });
        Assert.Throws<ArgumentNullException>(() => new SecurityPrincipal("a").IsInRole(null!));
    }

    [Fact]
    public void Principal_RolesList_IsCopiedNotAliased()
    {
        var roles = new List<string> { "viewer" };
        var p = new SecurityPrincipal("a") { Roles = roles };
        roles.Add("admin");
        Assert.False(p.IsInRole("admin"));
    }
}
