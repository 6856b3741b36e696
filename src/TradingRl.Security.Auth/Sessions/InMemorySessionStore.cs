using System.Collections.Concurrent;

namespace TradingRl.Security.Auth.Sessions;

/// <summary>The embedded, per-process <see cref="ISessionStore"/>.</summary>
/// <remarks>Thread-safe; sessions vanish on restart.</remarks>
public sealed class InMemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask AddAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_sessions.TryAdd(session.SessionId, session))
        {
            throw new InvalidOperationException("A session with the same id already exists.");
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return ValueTask.FromResult(_sessions.TryGetValue(sessionId, out var s) ? s : null);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<SessionRecord>> ListAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        IReadOnlyList<SessionRecord> list = [.. _sessions.Values.Where(s => s.RevokedAt is null && string.Equals(s.Subject, subject, StringComparison.Ordinal)).OrderBy(s => s.CreatedAt)];
        return ValueTask.FromResult(list);
    }

    /// <inheritdoc/>
    public ValueTask<bool> TouchAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Update(sessionId, s => s.RevokedAt is null && now > s.LastSeenAt ? s with { LastSeenAt = now } : null));

    /// <inheritdoc/>
    public ValueTask<bool> RevokeAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Update(sessionId, s => s.RevokedAt is null ? s with { RevokedAt = now } : null));

    private bool Update(string sessionId, Func<SessionRecord, SessionRecord?> change)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        while (_sessions.TryGetValue(sessionId, out var current))
        {
            var next = change(current);
            if (next is null)
            {
                return false;
            }

            if (_sessions.TryUpdate(sessionId, next, current))
            {
                return true;
            }
        }

        return false;
    }
}
