namespace TradingRl.Security.Auth.Lockout;

/// <summary>Stores lock states by key (a normalised sign-in name, known or not, so unknown names behave like known ones).</summary>
public interface ILockoutStore
{
    /// <summary>Gets a lock state.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state or <see langword="null"/>.</returns>
    ValueTask<LockoutState?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears a lock state.</summary>
    /// <param name="key">The key.</param>
    /// <param name="state">The state, or <see langword="null"/> to clear.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetAsync(string key, LockoutState? state, CancellationToken cancellationToken = default);
}
