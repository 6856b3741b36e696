using System.Collections.Frozen;

namespace TradingRl.Security;

/// <summary>An authenticated user, operator or trading agent: who it is, its roles and resolved permissions, its session and attributes.</summary>
/// <remarks>Immutable and thread-safe. Permission checks (<see cref="HasPermission"/>) are O(1) and allocate nothing.</remarks>
public sealed class SecurityPrincipal
{
    /// <summary>The longest subject, session id, desk, role or account name.</summary>
    public const int MaxNameLength = 256;

    private readonly PermissionSet _permissions;

    // Arrays, not IReadOnlyList, so the checks below loop without allocating an enumerator.
    private readonly string[] _roles = [];
    private readonly string[] _methods = [];
    private readonly string[] _accounts = [];

    /// <summary>Initializes a principal.</summary>
    /// <param name="subject">The stable subject id (the token's <c>sub</c>).</param>
    /// <exception cref="ArgumentNullException">The subject is null.</exception>
    /// <exception cref="ArgumentException">The subject is empty or longer than <see cref="MaxNameLength"/>.</exception>
    public SecurityPrincipal(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        Subject = CheckName(subject, nameof(subject))!;
    }

    /// <summary>Gets the stable subject id.</summary>
    public string Subject { get; }

    /// <summary>Gets the role names.</summary>
    public IReadOnlyList<string> Roles { get => _roles; init => _roles = CheckNames(value, nameof(Roles)); }

    /// <summary>Gets the permissions resolved from the roles (see <see cref="IPermissionResolver"/>).</summary>
    public PermissionSet Permissions { get => _permissions; init => _permissions = value; }

    /// <summary>Gets the session id (the token's <c>sid</c>), when the principal has a session.</summary>
    public string? SessionId { get; init => field = CheckName(value, nameof(SessionId)); }

    /// <summary>Gets the authentication methods used (RFC 8176 <c>amr</c> values, see <see cref="AuthenticationMethods"/>).</summary>
    public IReadOnlyList<string> AuthenticationMethods { get => _methods; init => _methods = CheckNames(value, nameof(AuthenticationMethods)); }

    /// <summary>Gets when the principal last authenticated (the token's <c>auth_time</c>).</summary>
    public DateTimeOffset? AuthenticatedAt { get; init; }

    /// <summary>Gets the desk (the tenant) the principal belongs to; <see langword="null"/> for none.</summary>
    public string? Desk { get; init => field = CheckName(value, nameof(Desk)); }

    /// <summary>Gets the trading accounts the principal may act for.</summary>
    public IReadOnlyList<string> Accounts { get => _accounts; init => _accounts = CheckNames(value, nameof(Accounts)); }

    /// <summary>Gets other attributes for attribute-based rules, e.g. <c>strategy</c> or <c>network</c>.</summary>
    public IReadOnlyDictionary<string, string> Attributes
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Attributes));
            field = value.ToFrozenDictionary(StringComparer.Ordinal);
        }
    } = FrozenDictionary<string, string>.Empty;

    /// <summary>Gets a value indicating whether a second factor was used (<c>mfa</c>, <c>otp</c>, <c>hwk</c> or <c>sc</c> in <see cref="AuthenticationMethods"/>).</summary>
    public bool HasMultiFactor
    {
        get
        {
            foreach (var m in _methods)
            {
                if (m is Security.AuthenticationMethods.MultiFactor or Security.AuthenticationMethods.OneTimePassword
                    or Security.AuthenticationMethods.HardwareKey or Security.AuthenticationMethods.SmartCard)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Tells whether the principal holds a permission. O(1), allocation-free.</summary>
    /// <param name="permission">The permission.</param>
    /// <returns><see langword="true"/> when held; never for the default permission.</returns>
    public bool HasPermission(Permission permission) => _permissions.Contains(permission);

    /// <summary>Tells whether the principal holds a role (ordinal comparison).</summary>
    /// <param name="role">The role name.</param>
    /// <returns><see langword="true"/> when held.</returns>
    public bool IsInRole(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        foreach (var r in _roles)
        {
            if (string.Equals(r, role, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Tells whether the principal may act for an account (ordinal comparison).</summary>
    /// <param name="account">The account id.</param>
    /// <returns><see langword="true"/> when the account is one of <see cref="Accounts"/>.</returns>
    public bool CanActFor(string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        foreach (var a in _accounts)
        {
            if (string.Equals(a, account, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => $"SecurityPrincipal({Subject})";

    private static string? CheckName(string? value, string member)
    {
        if (value is not null && (value.Length == 0 || value.Length > MaxNameLength || string.IsNullOrWhiteSpace(value)))
        {
            throw new ArgumentException($"{member} must be 1 to {MaxNameLength} characters and not blank.", member);
        }

        return value;
    }

    private static string[] CheckNames(IReadOnlyList<string>? values, string member)
    {
        ArgumentNullException.ThrowIfNull(values, member);
        var copy = new string[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = CheckName(values[i] ?? throw new ArgumentException($"{member} must not contain null.", member), member)!;
        }

        return copy;
    }
}
