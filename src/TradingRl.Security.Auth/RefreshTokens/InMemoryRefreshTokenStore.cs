using System.Collections.Concurrent;

namespace TradingRl.Security.Auth.RefreshTokens;

/// <summary>The embedded, per-process <see cref="IRefreshTokenStore"/>.</summary>
/// <remarks>Thread-safe; records vanish on restart (users sign in again).</remarks>
public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore
{
    private readonly ConcurrentDictionary<string, RefreshTokenRecord> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _revokedFamilies = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask AddAsync(RefreshTokenRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_tokens.TryAdd(record.TokenHash, record))
        {
            throw new InvalidOperationException("A refresh token with the same hash is already stored.");
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return ValueTask.FromResult(_tokens.TryGetValue(tokenHash, out var r) ? r : null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryMarkUsedAsync(string tokenHash, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        while (_tokens.TryGetValue(tokenHash, out var current))
        {
            if (current.UsedAt is not null)
            {
                return ValueTask.FromResult(false);
            }

            // Compare-and-swap on the record: of two racing callers only one replaces the unused record.
            if (_tokens.TryUpdate(tokenHash, current with { UsedAt = usedAt }, current))
            {
                return ValueTask.FromResult(true);
            }
        }

        return ValueTask.FromResult(false);
    }

    /// <inheritdoc/>
    public ValueTask RevokeFamilyAsync(string familyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(familyId);
        _revokedFamilies[familyId] = true;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsFamilyRevokedAsync(string familyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(familyId);
        return ValueTask.FromResult(_revokedFamilies.ContainsKey(familyId));
    }

    /// <inheritdoc/>
    public ValueTask<int> RevokeForSubjectAsync(string subject, string? sessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var families = _tokens.Values
            .Where(r => string.Equals(r.Subject, subject, StringComparison.Ordinal) && (sessionId is null || string.Equals(r.SessionId, sessionId, StringComparison.Ordinal)))
            .Select(r => r.FamilyId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var n = 0;
        foreach (var f in families)
        {
            if (_revokedFamilies.TryAdd(f, true))
            {
                n++;
            }
        }

        return ValueTask.FromResult(n);
    }
}
