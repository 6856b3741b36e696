namespace TradingRl.Security.Auth.Tokens;

/// <summary>What an access token is issued for: the subject, its session, roles and how it authenticated.</summary>
/// <param name="Subject">The subject id (<c>sub</c>).</param>
/// <param name="SessionId">The session id (<c>sid</c>); revoking the session revokes the token.</param>
/// <param name="Roles">The role names (<c>roles</c>).</param>
/// <param name="AuthenticationMethods">The RFC 8176 methods used (<c>amr</c>), see <see cref="Security.AuthenticationMethods"/>.</param>
/// <param name="AuthenticatedAt">When the subject authenticated (<c>auth_time</c>).</param>
public sealed record AccessTokenRequest(
    string Subject,
    string SessionId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> AuthenticationMethods,
    DateTimeOffset AuthenticatedAt);
