using System.Collections.Concurrent;

namespace TradingRl.Security.Auth.Users;

/// <summary>The embedded, per-process <see cref="IUserStore"/>.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryUserStore : IUserStore
{
    private readonly ConcurrentDictionary<string, UserAccount> _bySubject = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byName = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public ValueTask<UserAccount?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normalizedUserName);
        return ValueTask.FromResult(_byName.TryGetValue(normalizedUserName, out var subject) && _bySubject.TryGetValue(subject, out var a) ? a : null);
    }

    /// <inheritdoc/>
    public ValueTask<UserAccount?> FindBySubjectAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return ValueTask.FromResult(_bySubject.TryGetValue(subject, out var a) ? a : null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryAddAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_gate)
        {
            if (_bySubject.ContainsKey(account.Subject) || _byName.ContainsKey(account.NormalizedUserName))
            {
                return ValueTask.FromResult(false);
            }

            _bySubject[account.Subject] = account;
            _byName[account.NormalizedUserName] = account.Subject;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> UpdateAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_gate)
        {
            if (!_bySubject.TryGetValue(account.Subject, out var existing) || !string.Equals(existing.NormalizedUserName, account.NormalizedUserName, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(false);
            }

            _bySubject[account.Subject] = account;
            return ValueTask.FromResult(true);
        }
    }
}
