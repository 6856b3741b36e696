using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Authorization.Tests;

/// <summary>A service provider with the Authorization package, a fake clock and a collecting event subscriber.</summary>
internal sealed class AuthorizationHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 4, 15, 0, 0, TimeSpan.Zero); // a Wednesday, 10:00 in New York

    private readonly ServiceProvider _provider;

    public AuthorizationHost(Action<AuthorizationOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging();
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

            b.AddEventSubscriber<CollectingSecurityEventSubscriber>();
        });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public IServiceProvider Services => _provider;

    public ITradingAuthorizer Authorizer => _provider.GetRequiredService<ITradingAuthorizer>();

    public RoleRegistry Roles => _provider.GetRequiredService<RoleRegistry>();

    public IRoleAdministrator Administrator => _provider.GetRequiredService<IRoleAdministrator>();

    public IApprovalWorkflow Approvals => _provider.GetRequiredService<IApprovalWorkflow>();

    public IRoleAssignmentStore Store => _provider.GetRequiredService<IRoleAssignmentStore>();

    public CollectingSecurityEventSubscriber Events => _provider.GetServices<ISecurityEventSubscriber>().OfType<CollectingSecurityEventSubscriber>().Single();

    public static AuthorizationRequest Order(string account = "acct-1", string instrument = "AAPL", decimal? notional = 10_000m, string? desk = "equities") =>
        new(Permissions.PlaceOrder) { Account = account, Instrument = instrument, Notional = notional, Desk = desk, SourceAddress = IPAddress.Parse("10.1.2.3") };

    /// <summary>Builds a principal whose permissions are resolved from its roles by the registry under test.</summary>
    public SecurityPrincipal Principal(string subject, string[] roles, string? desk = "equities", bool mfa = false, string[]? accounts = null, Action<SecurityPrincipalBuilder>? more = null)
    {
        var b = new SecurityPrincipalBuilder(subject).WithRoles(roles).ForAccounts(accounts ?? ["acct-1"]);
        var resolved = Roles.Resolve(roles);
        foreach (var id in resolved.GetIds())
        {
            b.WithPermissions(_provider.GetRequiredService<PermissionCatalog>().TryGet(id, out var p) ? p : default);
        }

        if (desk is not null)
        {
            b.OnDesk(desk);
        }

        if (mfa)
        {
            b.WithMultiFactor(Time.GetUtcNow());
        }

        more?.Invoke(b);
        return b.Build();
    }

    public async Task<IReadOnlyList<SecurityEvent>> EventsOfTypeAsync(string type)
    {
        await _provider.GetRequiredService<SecurityEventPipeline>().FlushAsync();
        return Events.OfType(type);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
