namespace TradingRl.Security.Auth.Sessions;

/// <summary>A stored session.</summary>
/// <param name="SessionId">The session id (the tokens' <c>sid</c>).</param>
/// <param name="Subject">The subject id.</param>
/// <param name="CreatedAt">When it was created (sign-in).</param>
/// <param name="LastSeenAt">When it was last touched.</param>
/// <param name="ExpiresAt">When it ends, however active (the absolute timeout).</param>
public sealed record SessionRecord(string SessionId, string Subject, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Gets when it was revoked; <see langword="null"/> while not revoked.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Gets how the subject authenticated for this session (RFC 8176 <c>amr</c> values).</summary>
    public IReadOnlyList<string> AuthenticationMethods { get; init; } = [];

    /// <summary>Gets the network address of the sign-in, when known.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>Tells whether the session is live at <paramref name="now"/>: not revoked, not idle too long, not past its absolute limit.</summary>
    /// <param name="now">The instant.</param>
    /// <param name="idleTimeout">The idle timeout.</param>
    /// <returns><see langword="true"/> when live.</returns>
    public bool IsLive(DateTimeOffset now, TimeSpan idleTimeout) => RevokedAt is null && now < LastSeenAt + idleTimeout && now < ExpiresAt;
}
