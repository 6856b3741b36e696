using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Authorization.Tests;

public sealed class AuthorizationOptionsTests
{
    private static async Task<string> StartupErrorAsync(Action<AuthorizationOptions> configure)
    {
        await using var host = new AuthorizationHost(configure);
        var ex = Assert.Throws<OptionsValidationException>(() => host.Authorizer);
        return ex.Message;
    }

    [Fact]
    public async Task Validate_UnknownPermissionInRole_NamesRoleAndPermission()
    {
        var message = await StartupErrorAsync(o => o.Roles.Add(new RoleDefinition { Name = "quant", Permissions = ["orders.teleport"] }));
        Assert.Contains("'quant'", message, StringComparison.Ordinal);
        Assert.Contains("'orders.teleport'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InheritanceCycle_RejectedAtLoadNamingTheCycle()
    {
        var message = await StartupErrorAsync(o =>
        {
            o.Roles.Add(new RoleDefinition { Name = "a", Inherits = ["b"] });
            o.Roles.Add(new RoleDefinition { Name = "b", Inherits = ["c"] });
            o.Roles.Add(new RoleDefinition { Name = "c", Inherits = ["a"] });
        });
        Assert.Contains("cycle: a -> b -> c -> a", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_SelfInheritance_Rejected()
    {
        var message = await StartupErrorAsync(o => o.Roles.Add(new RoleDefinition { Name = "loop", Inherits = ["loop"] }));
        Assert.Contains("cycle: loop -> loop", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DuplicateNames_NamesTheDuplicate()
    {
        Assert.Contains("'trader' is defined twice", await StartupErrorAsync(o => o.Roles.Add(new RoleDefinition { Name = "trader" })), StringComparison.Ordinal);
        Assert.Contains("'x' is defined twice", await StartupErrorAsync(o =>
        {
            o.Roles.Add(new RoleDefinition { Name = "x" });
            o.Roles.Add(new RoleDefinition { Name = "x" });
        }), StringComparison.Ordinal);
        Assert.Contains("'r1' is used twice", await StartupErrorAsync(o =>
        {
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "r1", Effect = RuleEffect.Forbid });
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "r1", Effect = RuleEffect.Forbid });
        }), StringComparison.Ordinal);
        Assert.Contains("'host.x' is listed twice", await StartupErrorAsync(o => o.Permissions = ["host.x", "host.x"]), StringComparison.Ordinal);
        Assert.Contains("lists the permission 'orders.view' twice", await StartupErrorAsync(o =>
            o.Roles.Add(new RoleDefinition { Name = "v2", Permissions = ["orders.view", "orders.view"] })), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownInheritedRole_Named()
    {
        Assert.Contains("unknown role 'ghost'", await StartupErrorAsync(o => o.Roles.Add(new RoleDefinition { Name = "r", Inherits = ["ghost"] })), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad id!", "not a valid rule id")]
    [InlineData("tz", "unknown time zone 'Mars/Olympus'")]
    [InlineData("cidr", "'10.0.0.0/33' in SourceNetworks")]
    [InlineData("window", "From equal to Until")]
    [InlineData("half", "sets only one of From and Until")]
    [InlineData("notional", "not below NotionalBelow")]
    [InlineData("permit-all", "permit without permissions")]
    [InlineData("perm", "unknown permission 'orders.nope'")]
    [InlineData("nozone", "without a TimeZone")]
    public async Task Validate_MalformedRule_NamesRuleAndProblem(string id, string expected)
    {
        var rule = id switch
        {
            "tz" => new AuthorizationRuleDefinition { Id = id, Effect = RuleEffect.Forbid, TimeZone = "Mars/Olympus", From = new TimeOnly(9, 0), Until = new TimeOnly(10, 0) },
            "cidr" => new AuthorizationRuleDefinition { Id = id, Effect = RuleEffect.Forbid, SourceNetworks = ["10.0.0.0/33"] },
            "window" => new AuthorizationRuleDefinition { Id = id, Effect = RuleEffect.Forbid, TimeZone = "Etc/UTC", From = new TimeOnly(9, 0), Until = new TimeOnly(9, 0) },
            "half" => new AuthorizationRuleDefinition { Id = id, Effect = RuleEffect.Forbid, TimeZone = "Etc/UTC", From = new TimeOnly(9, 0) },
            "notional" => new AuthorizationRuleDefinition { Id = id, Effect = RuleEffect.Forbid, NotionalFrom = 10m, NotionalBelow = 10m },
            "permit-all" => new AuthorizationRuleDefinition { Id = id, Effect = RuleEffect.Permit },
            "perm" => new AuthorizationRuleDefinition { Id = id, Permissions = ["orders.nope"] },
            "nozone" => new AuthorizationRuleDefinition { Id = id, Effect = RuleEffect.Forbid, TradingDay = false },
            _ => new AuthorizationRuleDefinition { Id = id, Effect = RuleEffect.Forbid },
        };
        var message = await StartupErrorAsync(o => o.Rules.Add(rule));
        Assert.Contains(expected, message, StringComparison.Ordinal);
        if (id != "bad id!")
        {
            Assert.Contains($"'{id}'", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Validate_HugeValue_EchoesAtMost64Characters()
    {
        var huge = new string('q', 100_000);
        var message = await StartupErrorAsync(o => o.Roles.Add(new RoleDefinition { Name = "r", Permissions = [huge] }));
        Assert.DoesNotContain(new string('q', 65), message, StringComparison.Ordinal);
        Assert.Contains(new string('q', 64) + "...", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InsecureStepUpAge_Refused()
    {
        var message = await StartupErrorAsync(o => o.StepUpMaxAge = TimeSpan.FromHours(8));
        Assert.Contains(nameof(AuthorizationOptions.StepUpMaxAge), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ExclusiveRolesInheritedTogether_Refused()
    {
        var message = await StartupErrorAsync(o => o.ExclusiveRoles.Add(new ExclusiveRoleSet { Name = "maker-checker", Roles = ["trader", "analyst"] }));
        Assert.Contains("the role 'trader' includes more than one role of 'maker-checker'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HostWithBadPolicy_FailsAtStartNotAtFirstUse()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTradingSecurity(b => b.AddAuthorization(o => o.Roles.Add(new RoleDefinition { Name = "quant", Permissions = ["nope"] })));
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("'quant'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_JsonConfiguration_RolesPermissionsAndRulesApply()
    {
        const string json = """
        {
          "Authorization": {
            "Permissions": [ "reports.export" ],
            "Roles": [ { "Name": "reporter", "Permissions": [ "reports.export" ], "Inherits": [ "viewer" ] } ],
            "StepUpPermissions": [ "security.settings.manage" ],
            "Rules": [
              { "Id": "big-orders", "Effect": "Forbid", "Permissions": [ "orders.place" ], "NotionalFrom": 1000000.50 },
              { "Id": "market-hours", "Effect": "Permit", "Permissions": [ "orders.place" ], "TimeZone": "America/New_York",
                "From": "09:30", "Until": "16:00", "TradingDay": true, "SourceNetworks": [ "10.0.0.0/8" ], "MinClassification": "Internal" }
            ]
          }
        }
        """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(AuthorizationHost.Start);
        services.AddSingleton<TimeProvider>(time);
        services.AddTradingSecurity(b => b.AddAuthorization(configuration.GetSection("Authorization")));
        await using var provider = services.BuildServiceProvider();
        var roles = provider.GetRequiredService<RoleRegistry>();
        var catalog = provider.GetRequiredService<PermissionCatalog>();
        Assert.True(roles.Resolve(["reporter"]).Contains(catalog.Get("reports.export")));
        Assert.True(roles.Resolve(["reporter"]).Contains(Permissions.ViewOrders));

        var trader = new SecurityPrincipal("t1") { Roles = ["trader"], Permissions = roles.Resolve(["trader"]), Desk = "eq", Accounts = ["a1"] };
        var authorizer = provider.GetRequiredService<ITradingAuthorizer>();
        var order = new AuthorizationRequest(Permissions.PlaceOrder)
        {
            Account = "a1", Desk = "eq", Notional = 1_000_000.49m, Classification = TradingDataClassifications.Confidential,
            SourceAddress = System.Net.IPAddress.Parse("10.9.9.9"),
        };
        var allowed = authorizer.Authorize(trader, in order);
        Assert.True(allowed.IsAllowed, allowed.ToString());
        Assert.Equal(["market-hours"], allowed.RuleIds);

        var big = order with { Notional = 1_000_000.50m };
        var denied = authorizer.Authorize(trader, in big);
        Assert.Equal(AuthorizationReason.ForbiddenByRule, denied.Reason);
        Assert.Equal(["big-orders"], denied.RuleIds);

        // risk.limits.modify is no longer step-up under this configuration.
        Assert.True(authorizer.Authorize(trader, new AuthorizationRequest(Permissions.ModifyRiskLimits) { Desk = "eq" }).IsAllowed);
    }

    [Fact]
    public async Task AddAuthorization_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.AddAuthorization().AddAuthorization(o => o.UseTradingRoles()));
        Assert.Single(services, d => d.ServiceType == typeof(ITradingAuthorizer));
        Assert.Single(services, d => d.ServiceType == typeof(IPermissionResolver));
        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IValidateOptions<AuthorizationOptions>)));
        await using var provider = services.BuildServiceProvider();
        Assert.IsType<RoleRegistry>(provider.GetRequiredService<IPermissionResolver>());
    }

    [Fact]
    public void AddAuthorization_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => AuthorizationTradingSecurityBuilderExtensions.AddAuthorization(null!));
        new ServiceCollection().AddTradingSecurity(b =>
        {
            Assert.Throws<ArgumentNullException>(() => b.AddAuthorization((Action<AuthorizationOptions>)null!));
            Assert.Throws<ArgumentNullException>(() => b.AddAuthorization((IConfigurationSection)null!));
        });
    }
}
