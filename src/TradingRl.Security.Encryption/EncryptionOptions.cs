using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Encryption;

/// <summary>Settings of the Encryption package.</summary>
public sealed class EncryptionOptions
{
    /// <summary>The most messages the format allows under one AES-256-GCM key with random 96-bit nonces (NIST SP 800-38D section 8.3).</summary>
    public const long MaxMessagesPerKeyLimit = 1L << 32;

    /// <summary>Gets or sets the directory holding the key ring (and, by default, the master key and the subject keys).</summary>
    /// <value>Required unless a host registers its own <see cref="IKeyRingStore"/>; created owner-only.</value>
    public string? KeyRingDirectory { get; set; }

    /// <summary>Gets or sets whether a first key ring (and master key file) may be created when the key-ring directory holds nothing at all.</summary>
    /// <value>Default <see langword="false"/>. A missing or corrupt ring in a directory that held one is always an error, never replaced.</value>
    public bool CreateIfMissing { get; set; }

    /// <summary>Gets or sets the master key file.</summary>
    /// <value>Default <c>master.key</c> in <see cref="KeyRingDirectory"/>; ignored when <see cref="MasterKey"/> is set.</value>
    public string? MasterKeyPath { get; set; }

    /// <summary>Gets or sets the master key itself, base64 of 32 random bytes, e.g. from a secret store through configuration.</summary>
    /// <value>Default none (the master key file is used).</value>
    public string? MasterKey { get; set; }

    /// <summary>Gets or sets which algorithm new data is encrypted with.</summary>
    /// <value>Default <see cref="AeadCipherPreference.Auto"/>: AES-256-GCM where supported, else XChaCha20-Poly1305.</value>
    public AeadCipherPreference Cipher { get; set; }

    /// <summary>Gets or sets how long a data key stays current before a new one replaces it.</summary>
    /// <value>Default 90 days; 1 hour to 365 days.</value>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Gets or sets how many messages one data key may encrypt; the ring rotates before the next would pass it.</summary>
    /// <value>Default and maximum 2^32 (random 96-bit nonces, NIST SP 800-38D); at least 1.</value>
    [Range(1L, MaxMessagesPerKeyLimit)]
    public long MaxMessagesPerKey { get; set; } = MaxMessagesPerKeyLimit;

    /// <summary>Gets or sets the plaintext size of one stream segment.</summary>
    /// <value>Default 64 KiB; 4 KiB to 16 MiB.</value>
    [Range(4096, 16 * 1024 * 1024)]
    public int StreamSegmentSize { get; set; } = 64 * 1024;

    /// <summary>Gets or sets how many segments of a file are encrypted or decrypted at once.</summary>
    /// <value>Default 0: one per processor; 1 (single-core) to 256.</value>
    [Range(0, 256)]
    public int FileParallelism { get; set; }

    /// <summary>Gets or sets the directory of per-subject keys (crypto-shredding).</summary>
    /// <value>Default <c>subjects</c> under <see cref="KeyRingDirectory"/>.</value>
    public string? SubjectKeyDirectory { get; set; }
}

/// <summary>Validates <see cref="EncryptionOptions"/> ranges when the host starts.</summary>
[OptionsValidator]
public sealed partial class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
}
