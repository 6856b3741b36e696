using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Authorization;

namespace TradingRl.Security.Benchmarks.Authorization;

/// <summary>The cost of a check as the number of roles and users grows: it should stay flat.</summary>
[MemoryDiagnoser]
public class AuthorizationScaleBenchmarks
{
    private ServiceProvider _provider = null!;
    private ITradingAuthorizer _authorizer = null!;
    private IPermissionResolver _resolver = null!;
    private SecurityPrincipal[] _users = null!;
    private string[] _roles = null!;
    private int _next;

    /// <summary>Gets or sets the number of roles defined and of users checked.</summary>
    [Params(10, 1_000, 10_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.AddAuthorization(o =>
        {
            for (var i = 0; i < Size; i++)
            {
                o.Roles.Add(new RoleDefinition { Name = $"desk-role-{i}", Permissions = ["orders.view"], Inherits = [i % 2 == 0 ? TradingRoles.Trader : TradingRoles.Analyst] });
            }
        }));
        _provider = services.BuildServiceProvider();
        _authorizer = _provider.GetRequiredService<ITradingAuthorizer>();
        _resolver = _provider.GetRequiredService<IPermissionResolver>();
        _users = new SecurityPrincipal[Size];
        for (var i = 0; i < Size; i++)
        {
            // Every user is a trader through some desk role, so every check below allows.
            string[] roles = [$"desk-role-{i - (i % 2)}", TradingRoles.Viewer];
            _users[i] = new SecurityPrincipal($"user-{i}") { Roles = roles, Permissions = _resolver.Resolve(roles), Desk = "equities", Accounts = ["acct-1"] };
        }

        _roles = [.. _users[Size / 2].Roles];
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Description = "RBAC check on the next of N users")]
    public bool RbacCheck()
    {
        var i = _next + 1 == Size ? 0 : _next + 1;
        _next = i;
        return _users[i].HasPermission(Permissions.PlaceOrder);
    }

    [Benchmark(Description = "Full decision for the next of N users")]
    public bool Decision()
    {
        var i = _next + 1 == Size ? 0 : _next + 1;
        _next = i;
        return _authorizer.Authorize(_users[i], in AuthorizationSetup.Order).IsAllowed;
    }

    [Benchmark(Description = "Resolve a user's 2 roles among N roles")]
    public int Resolve() => _resolver.Resolve(_roles).Count;
}
