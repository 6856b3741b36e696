using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

public sealed class SecurityPrincipalBuilderTests
{
    [Fact]
    public void Build_WithEverySetting_GivesThatPrincipal()
    {
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var p = new SecurityPrincipalBuilder("ops-1").WithRoles("admin").WithPermissions(Permissions.ManageUsers).OnDesk("rates")
            .ForAccounts("a-1", "a-2").WithMultiFactor(at).WithSession("s-9").WithAttribute("network", "10.0.0.0/8").Build();

        Assert.Equal("ops-1", p.Subject);
        Assert.Equal(["admin"], p.Roles);
        Assert.True(p.HasPermission(Permissions.ManageUsers));
        Assert.Equal(1, p.Permissions.Count);
        Assert.Equal("rates", p.Desk);
        Assert.Equal(["a-1", "a-2"], p.Accounts);
        Assert.Equal(["pwd", "otp", "mfa"], p.AuthenticationMethods);
        Assert.Equal(at, p.AuthenticatedAt);
        Assert.Equal("s-9", p.SessionId);
        Assert.Equal("10.0.0.0/8", p.Attributes["network"]);
    }

    [Fact]
    public void Constructor_BlankSubject_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SecurityPrincipalBuilder(" "));
        Assert.Throws<ArgumentNullException>(() => new SecurityPrincipalBuilder(null!));
    }

    [Fact]
    public void Build_Defaults_PasswordOnlyNoPermissions()
    {
        var p = new SecurityPrincipalBuilder("viewer-1").Build();
        Assert.False(p.HasMultiFactor);
        Assert.True(p.Permissions.IsEmpty);
    }
}
