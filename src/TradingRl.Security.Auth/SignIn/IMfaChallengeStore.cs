namespace TradingRl.Security.Auth.SignIn;

/// <summary>Stores pending MFA challenges; taking one must be atomic (single use).</summary>
public interface IMfaChallengeStore
{
    /// <summary>Adds a challenge.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AddAsync(MfaChallenge challenge, CancellationToken cancellationToken = default);

    /// <summary>Gets a challenge without removing it.</summary>
    /// <param name="challengeHash">The hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The challenge or <see langword="null"/>.</returns>
    ValueTask<MfaChallenge?> GetAsync(string challengeHash, CancellationToken cancellationToken = default);

    /// <summary>Removes a challenge.</summary>
    /// <param name="challengeHash">The hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for the one caller that removed it.</returns>
    ValueTask<bool> TryRemoveAsync(string challengeHash, CancellationToken cancellationToken = default);
}
