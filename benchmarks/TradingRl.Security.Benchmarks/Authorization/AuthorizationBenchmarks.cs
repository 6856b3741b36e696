using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Authorization;

namespace TradingRl.Security.Benchmarks.Authorization;

/// <summary>One order's permission check: ours (RBAC, ABAC over 10 and 1,000 rules) beside ASP.NET Core's IAuthorizationService.</summary>
[MemoryDiagnoser]
public class AuthorizationBenchmarks
{
    private static readonly OrderResource Resource = new("acct-1", "equities", "AAPL", 25_000m);
    private readonly List<ServiceProvider> _providers = [];
    private ITradingAuthorizer _rbac = null!;
    private ITradingAuthorizer _abac10 = null!;
    private ITradingAuthorizer _abac1000 = null!;
    private SecurityPrincipal _trader = null!;
    private IAuthorizationService _aspNet = null!;
    private ClaimsPrincipal _user = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_rbac, _trader, var p1) = AuthorizationSetup.Ours(null);
        (_abac10, _, var p2) = AuthorizationSetup.Ours(AuthorizationSetup.TenRules);
        (_abac1000, _, var p3) = AuthorizationSetup.Ours(AuthorizationSetup.ThousandRules);
        (_aspNet, _user, var p4) = AuthorizationSetup.AspNetCore();
        _providers.AddRange([p1, p2, p3, p4]);
        if (!RbacPermission() || !RbacDecision() || !Abac10Rules() || !Abac10RulesTimeWindow() || !Abac1000Rules() || !AspNetCoreRoleRequirement() || !AspNetCoreCustomHandler())
        {
            throw new InvalidOperationException("Every benchmarked check must allow the order; one denied it.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var p in _providers)
        {
            p.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "ASP.NET Core IAuthorizationService, role requirement")]
    public bool AspNetCoreRoleRequirement() => _aspNet.AuthorizeAsync(_user, null, AuthorizationSetup.RolePolicy).GetAwaiter().GetResult().Succeeded;

    [Benchmark(Description = "ASP.NET Core IAuthorizationService, custom requirement handler")]
    public bool AspNetCoreCustomHandler() => _aspNet.AuthorizeAsync(_user, Resource, AuthorizationSetup.CustomPolicy).GetAwaiter().GetResult().Succeeded;

    [Benchmark(Description = "Ours: RBAC check, SecurityPrincipal.HasPermission")]
    public bool RbacPermission() => _trader.HasPermission(Permissions.PlaceOrder);

    [Benchmark(Description = "Ours: full decision, RBAC only (desk, account, no rules)")]
    public bool RbacDecision() => _rbac.Authorize(_trader, in AuthorizationSetup.Order).IsAllowed;

    [Benchmark(Description = "Ours: ABAC decision over 10 rules")]
    public bool Abac10Rules() => _abac10.Authorize(_trader, in AuthorizationSetup.Order).IsAllowed;

    [Benchmark(Description = "Ours: ABAC decision over 10 rules, decided by the time-window permit")]
    public bool Abac10RulesTimeWindow() => _abac10.Authorize(_trader, in AuthorizationSetup.LargeOrder).IsAllowed;

    [Benchmark(Description = "Ours: ABAC decision over 1,000 rules")]
    public bool Abac1000Rules() => _abac1000.Authorize(_trader, in AuthorizationSetup.Order).IsAllowed;
}
