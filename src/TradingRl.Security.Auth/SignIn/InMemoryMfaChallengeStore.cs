using System.Collections.Concurrent;

namespace TradingRl.Security.Auth.SignIn;

/// <summary>The embedded, per-process <see cref="IMfaChallengeStore"/>.</summary>
/// <remarks>Thread-safe; lapsed challenges are dropped when new ones are added.</remarks>
public sealed class InMemoryMfaChallengeStore : IMfaChallengeStore
{
    private readonly ConcurrentDictionary<string, MfaChallenge> _items = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask AddAsync(MfaChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        foreach (var (key, value) in _items)
        {
            if (value.ExpiresAt < challenge.PasswordVerifiedAt)
            {
                _items.TryRemove(key, out _);
            }
        }

        _items[challenge.ChallengeHash] = challenge;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<MfaChallenge?> GetAsync(string challengeHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challengeHash);
        return ValueTask.FromResult(_items.TryGetValue(challengeHash, out var c) ? c : null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryRemoveAsync(string challengeHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challengeHash);
        return ValueTask.FromResult(_items.TryRemove(challengeHash, out _));
    }
}
