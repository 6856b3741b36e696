namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Tells the scorecard whether a user has multi-factor authentication enrolled, from the identity package's state.</summary>
/// <remarks>Optional: without one, enrolment is read from <c>auth.mfa.enrolled</c> audit records. A host adapts its MFA store (e.g. the Auth package's <c>IMfaStore</c>) to it.</remarks>
public interface IMfaEnrollmentSource
{
    /// <summary>Tells whether a subject has a confirmed multi-factor authenticator.</summary>
    /// <param name="subject">The user or agent id, as audit records name it.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns><see langword="true"/> when enrolled.</returns>
    ValueTask<bool> IsEnrolledAsync(string subject, CancellationToken cancellationToken = default);
}
