using TradingRl.Security.AspNetCore.Authentication;

namespace TradingRl.Security.AspNetCore.Tests;

/// <summary>Gives every principal the account <c>ACC-1</c>, as a host's account directory would.</summary>
internal sealed class TestAccountsEnricher : ISecurityPrincipalEnricher
{
    public ValueTask<SecurityPrincipal> EnrichAsync(SecurityPrincipal principal, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new SecurityPrincipal(principal.Subject)
        {
            Roles = principal.Roles,
            Permissions = principal.Permissions,
            SessionId = principal.SessionId,
            AuthenticationMethods = principal.AuthenticationMethods,
            AuthenticatedAt = principal.AuthenticatedAt,
            Accounts = ["ACC-1"],
        });
}
