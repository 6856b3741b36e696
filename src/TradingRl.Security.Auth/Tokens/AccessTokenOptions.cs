using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>Settings of access tokens: signing, lifetime and the strictness of validation.</summary>
public sealed class AccessTokenOptions
{
    /// <summary>Gets or sets the algorithm of new signing keys.</summary>
    /// <value>Default <see cref="SigningAlgorithm.ES256"/>.</value>
    public SigningAlgorithm Algorithm { get; set; } = SigningAlgorithm.ES256;

    /// <summary>Gets or sets the lifetime of issued tokens.</summary>
    /// <value>Default 15 minutes; 1 minute to <see cref="MaxLifetime"/>.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the longest lifetime (<c>exp</c> - <c>iat</c>) a token may have to be accepted.</summary>
    /// <value>Default 1 hour; 1 minute to 1 day.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the clock skew allowed on <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    /// <value>Default 30 seconds; 0 to 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest token accepted, in characters; longer ones are refused before parsing.</summary>
    /// <value>Default 8,192; 512 to 65,536.</value>
    [Range(512, 65_536)]
    public int MaxTokenBytes { get; set; } = 8_192;

    /// <summary>Gets or sets how long a signing key signs before a new one replaces it.</summary>
    /// <value>Default 30 days; 1 hour to 365 days. The previous key keeps verifying until its last token expires.</value>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most bytes <see cref="FleetSigningSecret"/> may decode to.</summary>
    public const int MaxFleetSecretBytes = 1024;

    /// <summary>
    /// Gets or sets the fleet's shared signing secret (base64 of 32 to 1,024 random bytes), from which every host derives the
    /// same signing keys per rotation epoch, so a token issued on one host validates on all; <see langword="null"/> (the default)
    /// for random keys kept in this process only.
    /// </summary>
    /// <value>Default <see langword="null"/>. Validated at start; never logged or echoed in an error. Keep it like the
    /// encryption master key (a secret store, the same value on every host of the fleet); anyone holding it can mint tokens.</value>
    public string? FleetSigningSecret { get; set; }

    /// <summary>Gets or sets how many validated tokens are remembered so re-validation is cheap (revocation is still checked).</summary>
    /// <value>Default 10,000; 0 (no cache) to 1,000,000.</value>
    [Range(0, 1_000_000)]
    public int ValidatedTokenCacheSize { get; set; } = 10_000;

    /// <summary>Decodes a fleet secret, or returns <see langword="null"/> when it is not base64 of an allowed length.</summary>
    internal static byte[]? DecodeFleetSecret(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed.Length > (MaxFleetSecretBytes + 2) / 3 * 4)
        {
            return null;
        }

        var buffer = new byte[trimmed.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(trimmed, buffer, out var written) || written is < SigningKey.MinimumHmacSecretBytes or > MaxFleetSecretBytes
            || !buffer.AsSpan(0, written).ContainsAnyExcept(buffer[0])) // one byte repeated (e.g. all zero) is not a secret
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
            return null;
        }

        var secret = buffer.AsSpan(0, written).ToArray();
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        return secret;
    }
}
