namespace TradingRl.Security;

/// <summary>Locks accounts and revokes their sessions; provided by the Auth package, used by Incidents for containment.</summary>
public interface IAccountContainment
{
    /// <summary>Locks an account so it cannot sign in.</summary>
    /// <param name="subject">The account's subject id.</param>
    /// <param name="reason">Why, for the audit trail.</param>
    /// <param name="duration">How long; <see langword="null"/> until unlocked by an administrator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the lock is in force.</returns>
    ValueTask LockAccountAsync(string subject, string reason, TimeSpan? duration = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes every live session of an account, so its tokens stop working.</summary>
    /// <param name="subject">The account's subject id.</param>
    /// <param name="reason">Why, for the audit trail.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of sessions revoked.</returns>
    ValueTask<int> RevokeSessionsAsync(string subject, string reason, CancellationToken cancellationToken = default);
}
