using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Auth.Passwords;

/// <summary>Settings of the password policy (NIST SP 800-63B-4 section 3.1.1.2): length and a blocklist, no composition rules.</summary>
public sealed class PasswordPolicyOptions
{
    /// <summary>Gets or sets the fewest characters (Unicode code points, after NFKC normalisation) a new password needs.</summary>
    /// <value>Default 15 (NIST's minimum for a single-factor password); 8 to 64.</value>
    [Range(8, 64)]
    public int MinimumLength { get; set; } = 15;

    /// <summary>Gets or sets the most characters a new password may have; longer ones are refused, never truncated.</summary>
    /// <value>Default 256; 64 to 4,096 (NIST asks that at least 64 be accepted).</value>
    [Range(64, 4_096)]
    public int MaximumLength { get; set; } = 256;

    /// <summary>Gets or sets the least zxcvbn strength score (0 to 4) a new password needs; 0 keeps only the blocklist.</summary>
    /// <value>Default 2: refuses passwords guessable in about 10^8 tries or fewer.</value>
    [Range(0, 4)]
    public int MinimumStrengthScore { get; set; } = 2;
}
