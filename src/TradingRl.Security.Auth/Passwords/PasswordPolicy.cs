using System.Globalization;
using System.Text;
using Zxcvbn.Matcher;

namespace TradingRl.Security.Auth.Passwords;

/// <summary>Checks new passwords against NIST SP 800-63B-4: length, a blocklist of common and breached passwords, context words; no composition rules.</summary>
/// <remarks>Thread-safe. The blocklist and strength estimate come from zxcvbn-core (MIT), whose dictionaries hold the most common passwords of public breach corpora.</remarks>
public sealed class PasswordPolicy
{
    // zxcvbn's cost grows quickly with length; its authors advise checking a prefix. The whole password still counts for length.
    private const int MaxEvaluatedLength = 100;

    private readonly PasswordPolicyOptions _options;

    /// <summary>Initializes a policy.</summary>
    /// <param name="options">The policy settings.</param>
    public PasswordPolicy(PasswordPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Checks a candidate password.</summary>
    /// <param name="password">The password as typed; not trimmed.</param>
    /// <param name="contextWords">Words a guesser would try first: the user name, the service name.</param>
    /// <returns>The first violation found, or <see cref="PasswordPolicyViolation.None"/>.</returns>
    public PasswordPolicyViolation Check(string password, params IReadOnlyList<string> contextWords)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(contextWords);
        if (!Argon2idPasswordHasher.IsValidText(password))
        {
            return PasswordPolicyViolation.InvalidCharacters;
        }

        var normalized = password.Normalize(NormalizationForm.FormKC);

        var length = 0;
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format && rune.Value != 0x200D)
            {
                return PasswordPolicyViolation.InvalidCharacters;
            }

            length++;
        }

        if (length < _options.MinimumLength)
        {
            return PasswordPolicyViolation.TooShort;
        }

        if (length > _options.MaximumLength)
        {
            return PasswordPolicyViolation.TooLong;
        }

        foreach (var word in contextWords)
        {
            if (!string.IsNullOrWhiteSpace(word) && word.Length >= 3 && normalized.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return PasswordPolicyViolation.ContextSpecific;
            }
        }

        var evaluated = normalized.Length > MaxEvaluatedLength ? normalized[..MaxEvaluatedLength] : normalized;
        var result = Zxcvbn.Zxcvbn.MatchPassword(evaluated, contextWords);
        foreach (var match in result.MatchSequence)
        {
            // A password that is, whole, a dictionary entry of the breached-password list (also through l33t substitutions).
            if (match is DictionaryMatch d && d.i == 0 && d.j == evaluated.Length - 1
                && string.Equals(d.DictionaryName, "passwords", StringComparison.Ordinal))
            {
                return PasswordPolicyViolation.Common;
            }
        }

        return result.Score < _options.MinimumStrengthScore ? PasswordPolicyViolation.TooWeak : PasswordPolicyViolation.None;
    }
}
