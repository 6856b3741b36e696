namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Keeps consent records; one active consent per subject and purpose, withdrawn records kept as history.</summary>
/// <remarks>Implementations make <see cref="TryGrantAsync"/> and <see cref="TryWithdrawAsync"/> atomic (a database store: one conditional insert or update each).</remarks>
public interface IConsentStore
{
    /// <summary>Adds a consent unless one for the same subject and purpose is already active.</summary>
    /// <param name="record">The active consent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when an active consent already exists.</returns>
    ValueTask<bool> TryGrantAsync(ConsentRecord record, CancellationToken cancellationToken = default);

    /// <summary>Withdraws the active consent of a subject for a purpose.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="withdrawnAt">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The withdrawn record, or <see langword="null"/> when none was active.</returns>
    ValueTask<ConsentRecord?> TryWithdrawAsync(string subject, string purpose, DateTimeOffset withdrawnAt, CancellationToken cancellationToken = default);

    /// <summary>Lists a subject's consents, active and withdrawn, oldest first.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records.</returns>
    ValueTask<IReadOnlyList<ConsentRecord>> ListAsync(string subject, CancellationToken cancellationToken = default);
}
