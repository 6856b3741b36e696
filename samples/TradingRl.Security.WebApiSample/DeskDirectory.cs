using System.Collections.Concurrent;
using TradingRl.Security;
using TradingRl.Security.AspNetCore.Authentication;

namespace TradingRl.Security.WebApiSample;

/// <summary>The host's directory of which trading accounts each user may act for; tokens do not carry accounts.</summary>
internal sealed class DeskDirectory : ISecurityPrincipalEnricher
{
    private readonly ConcurrentDictionary<string, string[]> _accounts = new(StringComparer.Ordinal);

    public void Grant(string subject, params string[] accounts) => _accounts[subject] = accounts;

    public ValueTask<SecurityPrincipal> EnrichAsync(SecurityPrincipal principal, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(!_accounts.TryGetValue(principal.Subject, out var accounts) ? principal : new SecurityPrincipal(principal.Subject)
        {
            Roles = principal.Roles,
            Permissions = principal.Permissions,
            SessionId = principal.SessionId,
            AuthenticationMethods = principal.AuthenticationMethods,
            AuthenticatedAt = principal.AuthenticatedAt,
            Accounts = accounts,
        });
}
