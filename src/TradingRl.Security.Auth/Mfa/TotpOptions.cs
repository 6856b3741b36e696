using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Auth.Mfa;

/// <summary>Settings of TOTP multi-factor authentication, recovery codes and the MFA policy.</summary>
public sealed class TotpOptions
{
    /// <summary>Gets or sets the hash of newly enrolled authenticators.</summary>
    /// <value>Default <see cref="TotpAlgorithm.Sha1"/> (what authenticator apps support).</value>
    public TotpAlgorithm Algorithm { get; set; } = TotpAlgorithm.Sha1;

    /// <summary>Gets or sets the digits of a code.</summary>
    /// <value>Default 6; 6 to 8.</value>
    [Range(6, 8)]
    public int Digits { get; set; } = 6;

    /// <summary>Gets or sets how many 30-second steps before and after now a code may come from.</summary>
    /// <value>Default 1; 0 to 1.</value>
    [Range(0, 1)]
    public int Window { get; set; } = 1;

    /// <summary>Gets or sets how many wrong codes a user may enter in <see cref="AttemptWindow"/> before codes are refused.</summary>
    /// <value>Default 5; 1 to 20.</value>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets the window of <see cref="MaxAttempts"/>.</summary>
    /// <value>Default 5 minutes; 1 minute to 1 day.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many recovery codes an enrolment makes.</summary>
    /// <value>Default 10; 4 to 20.</value>
    [Range(4, 20)]
    public int RecoveryCodeCount { get; set; } = 10;

    /// <summary>Gets or sets the roles that must use a second factor; <c>*</c> means every role, and users without roles.</summary>
    /// <value>
    /// Default <see langword="null"/>: everyone, as <c>["*"]</c> (the seed asks for 100% adoption). A list set here, in code
    /// or from configuration, replaces the default rather than adding to it; an empty list requires a second factor of nobody.
    /// </value>
    public IList<string>? RequiredForRoles { get; set; }

    /// <summary>Gets or sets how long a sign-in may wait for its second factor.</summary>
    /// <value>Default 5 minutes; 30 seconds to 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:30", "00:15:00")]
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
