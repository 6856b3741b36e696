namespace TradingRl.Security.Auth.Users;

/// <summary>Stores accounts.</summary>
public interface IUserStore
{
    /// <summary>Finds an account by its normalised sign-in name.</summary>
    /// <param name="normalizedUserName">The name from <see cref="UserAccount.Normalize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account or <see langword="null"/>.</returns>
    ValueTask<UserAccount?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken = default);

    /// <summary>Finds an account by subject id.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account or <see langword="null"/>.</returns>
    ValueTask<UserAccount?> FindBySubjectAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Adds an account unless its subject or normalised name is taken.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when added.</returns>
    ValueTask<bool> TryAddAsync(UserAccount account, CancellationToken cancellationToken = default);

    /// <summary>Replaces an account (same subject and name).</summary>
    /// <param name="account">The new version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the account existed and was replaced.</returns>
    ValueTask<bool> UpdateAsync(UserAccount account, CancellationToken cancellationToken = default);
}
