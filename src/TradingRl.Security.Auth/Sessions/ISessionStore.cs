namespace TradingRl.Security.Auth.Sessions;

/// <summary>Stores sessions; each member must be atomic on its record.</summary>
public interface ISessionStore
{
    /// <summary>Adds a session.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AddAsync(SessionRecord session, CancellationToken cancellationToken = default);

    /// <summary>Gets a session.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session or <see langword="null"/>.</returns>
    ValueTask<SessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Lists a subject's sessions that are not revoked.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sessions.</returns>
    ValueTask<IReadOnlyList<SessionRecord>> ListAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Sets a session's last-seen time if it is not revoked.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="now">The instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when touched.</returns>
    ValueTask<bool> TouchAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Marks a session revoked.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="now">The instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when this call revoked it.</returns>
    ValueTask<bool> RevokeAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
