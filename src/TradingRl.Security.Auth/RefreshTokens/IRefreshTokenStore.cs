namespace TradingRl.Security.Auth.RefreshTokens;

/// <summary>Stores refresh-token hashes and families; every member must be atomic (a fleet store uses a transaction or a script).</summary>
public interface IRefreshTokenStore
{
    /// <summary>Adds a record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AddAsync(RefreshTokenRecord record, CancellationToken cancellationToken = default);

    /// <summary>Finds a record by token hash.</summary>
    /// <param name="tokenHash">The hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Marks a token used if, and only if, it is still unused: of concurrent callers exactly one gets <see langword="true"/>.</summary>
    /// <param name="tokenHash">The hash.</param>
    /// <param name="usedAt">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for the one caller that marked it.</returns>
    ValueTask<bool> TryMarkUsedAsync(string tokenHash, DateTimeOffset usedAt, CancellationToken cancellationToken = default);

    /// <summary>Revokes a family: none of its tokens refreshes again.</summary>
    /// <param name="familyId">The family.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when revoked.</returns>
    ValueTask RevokeFamilyAsync(string familyId, CancellationToken cancellationToken = default);

    /// <summary>Tells whether a family is revoked.</summary>
    /// <param name="familyId">The family.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when revoked.</returns>
    ValueTask<bool> IsFamilyRevokedAsync(string familyId, CancellationToken cancellationToken = default);

    /// <summary>Revokes every family of a subject, or of one of its sessions.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="sessionId">The session, or <see langword="null"/> for all of the subject's families.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of families revoked.</returns>
    ValueTask<int> RevokeForSubjectAsync(string subject, string? sessionId = null, CancellationToken cancellationToken = default);
}
