using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>What one scorecard computation reads: the period's records and the few facts from the history before and package state.</summary>
internal sealed class ScorecardInput
{
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required IReadOnlyList<AuditRecord> Records { get; init; }

    /// <summary>Subjects with an <c>auth.mfa.enrolled</c> success recorded before <see cref="To"/>, or enrolled per the MFA source.</summary>
    public required IReadOnlySet<string> MfaEnrolled { get; init; }

    /// <summary>Whether enrolment came from an <see cref="IMfaEnrollmentSource"/> rather than the trail.</summary>
    public bool MfaFromPackageState { get; init; }

    /// <summary>The last <c>data.key.rotated</c> record with action <c>rotated</c> before <see cref="To"/>.</summary>
    public DateTimeOffset? LastKeyRotation { get; init; }

    /// <summary>Whether any key-ring record exists before <see cref="To"/>.</summary>
    public bool AnyKeyRingRecord { get; init; }

    public required TimeSpan KeyRotationPeriod { get; init; }

    public required AuditVerificationResult Verification { get; init; }
}
