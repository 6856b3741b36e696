namespace TradingRl.Security.Auth.Mfa;

/// <summary>Stores users' second factors; the step advance and the recovery-code use must be atomic.</summary>
public interface IMfaStore
{
    /// <summary>Gets a user's enrolment.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The enrolment or <see langword="null"/>.</returns>
    ValueTask<MfaEnrollment?> GetAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Stores (or replaces) a user's enrolment.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="enrollment">The enrolment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetAsync(string subject, MfaEnrollment enrollment, CancellationToken cancellationToken = default);

    /// <summary>Sets the last accepted step to <paramref name="timeStep"/> if, and only if, it is later than the stored one.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="timeStep">The step just matched.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for the one caller that advanced it; <see langword="false"/> for a replay.</returns>
    ValueTask<bool> TryAdvanceStepAsync(string subject, long timeStep, CancellationToken cancellationToken = default);

    /// <summary>Removes a recovery-code hash if present.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="codeHash">The hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for the one caller that removed it.</returns>
    ValueTask<bool> TryUseRecoveryCodeAsync(string subject, string codeHash, CancellationToken cancellationToken = default);
}
