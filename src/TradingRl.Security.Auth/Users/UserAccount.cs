namespace TradingRl.Security.Auth.Users;

/// <summary>A stored user or agent account.</summary>
/// <param name="Subject">The stable subject id.</param>
/// <param name="UserName">The sign-in name as given at creation.</param>
/// <param name="PasswordHash">The Argon2id PHC string.</param>
/// <param name="Roles">The role names.</param>
/// <param name="CredentialsChangedAt">When the password or roles last changed; tokens issued earlier are refused.</param>
public sealed record UserAccount(string Subject, string UserName, string PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset CredentialsChangedAt)
{
    /// <summary>Gets the normalised sign-in name used for look-ups (NFKC, lower case invariant).</summary>
    public string NormalizedUserName => Normalize(UserName);

    /// <summary>Normalises a sign-in name: NFKC, lower case invariant.</summary>
    /// <param name="userName">The name.</param>
    /// <returns>The normalised name.</returns>
    public static string Normalize(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return userName.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
    }

    /// <inheritdoc/>
    public override string ToString() => $"UserAccount({Subject}, {UserName})";
}
