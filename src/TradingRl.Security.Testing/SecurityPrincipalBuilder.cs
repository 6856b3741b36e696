namespace TradingRl.Security.Testing;

/// <summary>Builds <see cref="SecurityPrincipal"/> values for tests with a fluent API.</summary>
public sealed class SecurityPrincipalBuilder
{
    private readonly string _subject;
    private readonly List<string> _roles = [];
    private readonly List<string> _accounts = [];
    private readonly List<string> _methods = [AuthenticationMethods.Password];
    private readonly Dictionary<string, string> _attributes = new(StringComparer.Ordinal);
    private PermissionSet _permissions;
    private string? _desk;
    private string? _sessionId;
    private DateTimeOffset? _authenticatedAt;

    /// <summary>Initializes a builder for a subject.</summary>
    /// <param name="subject">The subject id.</param>
    public SecurityPrincipalBuilder(string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        _subject = subject;
    }

    /// <summary>Adds roles.</summary>
    /// <param name="roles">The role names.</param>
    /// <returns>This builder.</returns>
    public SecurityPrincipalBuilder WithRoles(params string[] roles)
    {
        _roles.AddRange(roles);
        return this;
    }

    /// <summary>Adds permissions.</summary>
    /// <param name="permissions">The permissions.</param>
    /// <returns>This builder.</returns>
    public SecurityPrincipalBuilder WithPermissions(params Permission[] permissions)
    {
        _permissions = _permissions.Union(PermissionSet.Of(permissions));
        return this;
    }

    /// <summary>Sets the desk.</summary>
    /// <param name="desk">The desk.</param>
    /// <returns>This builder.</returns>
    public SecurityPrincipalBuilder OnDesk(string desk)
    {
        _desk = desk;
        return this;
    }

    /// <summary>Adds accounts the principal may act for.</summary>
    /// <param name="accounts">The account ids.</param>
    /// <returns>This builder.</returns>
    public SecurityPrincipalBuilder ForAccounts(params string[] accounts)
    {
        _accounts.AddRange(accounts);
        return this;
    }

    /// <summary>Records a second factor (<c>otp</c> and <c>mfa</c>) at a time.</summary>
    /// <param name="authenticatedAt">When the principal authenticated.</param>
    /// <returns>This builder.</returns>
    public SecurityPrincipalBuilder WithMultiFactor(DateTimeOffset authenticatedAt)
    {
        _methods.Add(AuthenticationMethods.OneTimePassword);
        _methods.Add(AuthenticationMethods.MultiFactor);
        _authenticatedAt = authenticatedAt;
        return this;
    }

    /// <summary>Sets the session id.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>This builder.</returns>
    public SecurityPrincipalBuilder WithSession(string sessionId)
    {
        _sessionId = sessionId;
        return this;
    }

    /// <summary>Adds an attribute.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public SecurityPrincipalBuilder WithAttribute(string name, string value)
    {
        _attributes[name] = value;
        return this;
    }

    /// <summary>Builds the principal.</summary>
    /// <returns>The principal.</returns>
    public SecurityPrincipal Build() => new(_subject)
    {
        Roles = _roles,
        Permissions = _permissions,
        Desk = _desk,
        Accounts = _accounts,
        AuthenticationMethods = _methods,
        AuthenticatedAt = _authenticatedAt,
        SessionId = _sessionId,
        Attributes = _attributes,
    };
}
