using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Authorization;
using OurOptions = TradingRl.Security.Authorization.AuthorizationOptions;

namespace TradingRl.Security.Benchmarks.Authorization;

/// <summary>Builds the policies, principals and the ASP.NET Core peer the Authorization benchmarks share.</summary>
internal static class AuthorizationSetup
{
    public const string RolePolicy = "place-orders-role";
    public const string CustomPolicy = "place-orders-custom";

    public static readonly AuthorizationRequest Order = new(Permissions.PlaceOrder)
    {
        Instrument = "AAPL", Account = "acct-1", Desk = "equities", Notional = 25_000m, SourceAddress = IPAddress.Parse("10.1.2.3"),
    };

    /// <summary>The same order at a notional the <c>listed</c> permit refuses, so the <c>market-hours</c> permit (a time window) decides.</summary>
    public static readonly AuthorizationRequest LargeOrder = new(Permissions.PlaceOrder)
    {
        Instrument = "AAPL", Account = "acct-1", Desk = "equities", Notional = 2_000_000m, SourceAddress = IPAddress.Parse("10.1.2.3"),
    };

    /// <summary>Ten rules on orders.place: market hours, a permitted instrument list, and eight forbids that do not fire.</summary>
    public static void TenRules(OurOptions o)
    {
        o.Rules.Add(new AuthorizationRuleDefinition
        {
            Id = "market-hours", Permissions = ["orders.place"], TimeZone = "Etc/UTC", From = new TimeOnly(0, 0), Until = new TimeOnly(23, 59, 59),
            OwnAccount = true, SameDesk = true,
        });
        o.Rules.Add(new AuthorizationRuleDefinition { Id = "listed", Permissions = ["orders.place"], Instruments = ["AAPL", "MSFT", "NVDA"], NotionalBelow = 1_000_000m });
        for (var i = 0; i < 4; i++)
        {
            o.Rules.Add(new AuthorizationRuleDefinition { Id = $"restricted-{i}", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], Instruments = [$"BAD{i}", $"HALT{i}"] });
        }

        o.Rules.Add(new AuthorizationRuleDefinition { Id = "fat-finger", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], NotionalFrom = 5_000_000m });
        o.Rules.Add(new AuthorizationRuleDefinition { Id = "outside-office", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], SourceOutsideNetworks = ["10.0.0.0/8"] });
        o.Rules.Add(new AuthorizationRuleDefinition { Id = "fx-desk", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], ResourceDesks = ["fx"] });
        o.Rules.Add(new AuthorizationRuleDefinition { Id = "frozen-account", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], Accounts = ["acct-frozen"] });
    }

    /// <summary>A thousand rules on orders.place: 990 forbids over instrument lists that do not fire, and ten permits of which the last matches.</summary>
    public static void ThousandRules(OurOptions o)
    {
        for (var i = 0; i < 990; i++)
        {
            o.Rules.Add(new AuthorizationRuleDefinition { Id = $"forbid-{i:D4}", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], Instruments = [$"X{i}", $"Y{i}"] });
        }

        for (var i = 0; i < 10; i++)
        {
            o.Rules.Add(new AuthorizationRuleDefinition { Id = $"permit-{i}", Permissions = ["orders.place"], Instruments = [i == 9 ? "AAPL" : $"Z{i}"] });
        }
    }

    public static (ITradingAuthorizer Authorizer, SecurityPrincipal Trader, ServiceProvider Provider) Ours(Action<OurOptions>? configure)
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b =>
        {
            if (configure is null)
            {
                b.AddAuthorization();
            }
            else
            {
                b.AddAuthorization(configure);
            }
        });
        var provider = services.BuildServiceProvider();
        var resolver = provider.GetRequiredService<IPermissionResolver>();
        string[] roles = [TradingRoles.Trader];
        var trader = new SecurityPrincipal("agent-1") { Roles = roles, Permissions = resolver.Resolve(roles), Desk = "equities", Accounts = ["acct-1"] };
        return (provider.GetRequiredService<ITradingAuthorizer>(), trader, provider);
    }

    public static (IAuthorizationService Service, ClaimsPrincipal User, ServiceProvider Provider) AspNetCore()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorizationCore(o =>
        {
            o.AddPolicy(RolePolicy, p => p.RequireRole(TradingRoles.Trader, TradingRoles.Admin));
            o.AddPolicy(CustomPolicy, p => p.AddRequirements(new PlaceOrderRequirement()));
        });
        services.AddSingleton<IAuthorizationHandler, PlaceOrderHandler>();
        var provider = services.BuildServiceProvider();
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "agent-1"), new Claim(ClaimTypes.Role, TradingRoles.Trader),
                new Claim("desk", "equities"), new Claim("account", "acct-1"),
            ],
            "bench");
        return (provider.GetRequiredService<IAuthorizationService>(), new ClaimsPrincipal(identity), provider);
    }
}

/// <summary>The peer's custom requirement: may place an order for the resource's account on its desk.</summary>
internal sealed class PlaceOrderRequirement : IAuthorizationRequirement;

/// <summary>The peer's handler: role trader or admin, same desk, own account, listed instrument, notional below a million.</summary>
internal sealed class PlaceOrderHandler : AuthorizationHandler<PlaceOrderRequirement, OrderResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PlaceOrderRequirement requirement, OrderResource resource)
    {
        var user = context.User;
        if ((user.IsInRole(TradingRoles.Trader) || user.IsInRole(TradingRoles.Admin)) &&
            user.HasClaim("desk", resource.Desk) && user.HasClaim("account", resource.Account) &&
            resource.Instrument is "AAPL" or "MSFT" or "NVDA" && resource.Notional < 1_000_000m)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The order the peer's handler checks.</summary>
internal sealed record OrderResource(string Account, string Desk, string Instrument, decimal Notional);
