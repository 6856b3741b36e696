using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>Settings of the tamper-evident audit trail.</summary>
public sealed class AuditTrailOptions : IValidatableObject
{
    /// <summary>Gets or sets the directory holding the log, its signing key and checkpoints, e.g. <c>DATA/audit</c>.</summary>
    /// <value>Default <see langword="null"/>: then <see cref="InMemory"/> must be set, or start-up fails.</value>
    public string? Directory { get; set; }

    /// <summary>Gets or sets a value indicating whether the log lives only in memory (tests, benchmarks); it is lost at exit.</summary>
    /// <value>Default <see langword="false"/>. Refused together with <see cref="Directory"/>.</value>
    public bool InMemory { get; set; }

    /// <summary>Gets or sets the log's Ed25519 signing key itself: base64 of the 32-byte private key (seed), e.g. from a secret store through configuration.</summary>
    /// <value>
    /// Default none: the key is <c>signing.key</c> in <see cref="Directory"/> (created with the log), or an ephemeral key in memory.
    /// Set it to the same secret on every host of a fleet that appends to one shared log (<see cref="ISharedAuditStore"/>, e.g. PostgreSQL):
    /// every commit of the log must verify with one public key. Generate one with <c>openssl rand -base64 32</c>; an existing log's key is
    /// the last 32 bytes of its <c>signing.key</c>. Validated at start (32 bytes, not all zero); never logged.
    /// </value>
    public string? SigningKey { get; set; }

    /// <summary>Gets or sets when an append counts as done.</summary>
    /// <value>Default <see cref="AuditDurability.Flush"/> (fsync once per group commit).</value>
    public AuditDurability Durability { get; set; } = AuditDurability.Flush;

    /// <summary>Gets or sets the log's name, the first line of every checkpoint and the signing key's name.</summary>
    /// <value>Default <c>tradingrl.security/audit</c>; 1 to 128 characters, no white space or <c>+</c>.</value>
    [Required]
    [RegularExpression(@"^[^\s+]{1,128}$")]
    public string Origin { get; set; } = "tradingrl.security/audit";

    /// <summary>Gets or sets how often a checkpoint is signed and saved while the log grows; <see cref="TimeSpan.Zero"/> signs only on demand and at shutdown.</summary>
    /// <value>Default 1 minute; 0 to 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many appends may wait for the writer before appenders wait (back-pressure).</summary>
    /// <value>Default 65,536; 1 to 1,048,576.</value>
    [Range(1, 1_048_576)]
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>Gets or sets the most records written by one group commit (one write, one flush, one signature).</summary>
    /// <value>Default 4,096; 1 to 65,536.</value>
    [Range(1, 65_536)]
    public int MaxGroupSize { get; set; } = 4_096;

    /// <summary>Gets or sets the size at which a new segment file is started.</summary>
    /// <value>Default 64 MiB; 64 KiB to 1 GiB.</value>
    [Range(64L * 1024, 1024L * 1024 * 1024)]
    public long SegmentSize { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gets or sets how long record data is kept; sealed segments whose newest record is older are pruned (their hashes and commits stay).</summary>
    /// <value>Default <see langword="null"/>: kept forever. At least 1 day when set (the seed's record-keeping duties run to years).</value>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan? Retention { get; set; }

    /// <summary>Gets or sets how many recent event ids are remembered to drop repeats (the pipeline delivers at least once).</summary>
    /// <value>Default 100,000; 0 to 10,000,000.</value>
    [Range(0, 10_000_000)]
    public int DeduplicationWindow { get; set; } = 100_000;

    /// <summary>Gets the event property names whose values are personal or classified and are stored encrypted with Core's <see cref="ISecretProtector"/>.</summary>
    /// <value>Default empty. When not empty an <see cref="ISecretProtector"/> (AddEncryption) must be registered, or start-up fails.</value>
    public ISet<string> ProtectedProperties { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Directory) == !InMemory)
        {
            yield return new ValidationResult(
                InMemory
                    ? "AuditTrailOptions.InMemory and AuditTrailOptions.Directory are both set; choose one."
                    : "AuditTrailOptions.Directory is not set: an audit trail that is lost at restart proves nothing. Set Directory (e.g. DATA/audit), or InMemory = true for tests.",
                [nameof(Directory)]);
        }

        if (SigningKey is not null && !AuditSigningKey.IsValidSeed(SigningKey))
        {
            yield return new ValidationResult(
                "AuditTrailOptions.SigningKey must be base64 of exactly 32 random bytes (an Ed25519 private key), not all zero. Generate one with 'openssl rand -base64 32'.",
                [nameof(SigningKey)]);
        }

        if (!Enum.IsDefined(Durability))
        {
            yield return new ValidationResult("AuditTrailOptions.Durability is not a known level.", [nameof(Durability)]);
        }
    }
}

/// <summary>Validates <see cref="AuditTrailOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class AuditTrailOptionsValidator : IValidateOptions<AuditTrailOptions>
{
}
