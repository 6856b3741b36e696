using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Auth.Passwords;

/// <summary>Settings of Argon2id password hashing: the cost of new hashes and the most a stored hash may cost.</summary>
public sealed class PasswordHashingOptions
{
    /// <summary>The least memory accepted for new hashes (OWASP's Argon2id floor, 19 MiB).</summary>
    public const int MinimumMemoryKiB = 19_456;

    /// <summary>Gets or sets the backend that makes new hashes.</summary>
    /// <value>Default <see cref="Argon2Backend.Libsodium"/>, which needs <see cref="Parallelism"/> = 1.</value>
    public Argon2Backend Backend { get; set; } = Argon2Backend.Libsodium;

    /// <summary>Gets or sets the memory of new hashes, in KiB.</summary>
    /// <value>Default 65,536 (64 MiB); 19,456 to 4,194,304.</value>
    [Range(MinimumMemoryKiB, 4_194_304)]
    public int MemoryKiB { get; set; } = 65_536;

    /// <summary>Gets or sets the passes (time cost) of new hashes.</summary>
    /// <value>Default 3; 2 to 64.</value>
    [Range(2, 64)]
    public int Iterations { get; set; } = 3;

    /// <summary>Gets or sets the lanes of new hashes.</summary>
    /// <value>Default 1 (the only value libsodium supports); 1 to 16.</value>
    [Range(1, 16)]
    public int Parallelism { get; set; } = 1;

    /// <summary>Gets or sets the most memory a stored hash may ask for, in KiB; costlier hashes fail verification unhashed.</summary>
    /// <value>Default 262,144 (256 MiB); at least <see cref="MemoryKiB"/>.</value>
    [Range(MinimumMemoryKiB, 4_194_304)]
    public int MaxMemoryKiB { get; set; } = 262_144;

    /// <summary>Gets or sets the most passes a stored hash may ask for.</summary>
    /// <value>Default 16; at least <see cref="Iterations"/>.</value>
    [Range(2, 1_024)]
    public int MaxIterations { get; set; } = 16;

    /// <summary>Gets or sets the most lanes a stored hash may ask for.</summary>
    /// <value>Default 8; at least <see cref="Parallelism"/>.</value>
    [Range(1, 64)]
    public int MaxParallelism { get; set; } = 8;

    /// <summary>Gets or sets how many hashes may run at once; further calls wait.</summary>
    /// <value>Default: the processor count; 1 to 256.</value>
    [Range(1, 256)]
    public int MaxConcurrentHashes { get; set; } = Environment.ProcessorCount;

    /// <summary>Gets or sets the peppers: secret keys mixed into every hash (RFC 9106's secret K), by key id.</summary>
    /// <value>
    /// Default none. Key ids are unpadded base64 of 1 to 8 bytes (the PHC string's <c>keyid</c>); each secret is base64 of at
    /// least 32 bytes. Supply them from a secret store through configuration, never from source control. Keep retired
    /// peppers here until every hash made with them has been rehashed: a hash whose pepper is missing verifies as failed.
    /// </value>
    /// <remarks>
    /// A stolen password database is useless for offline guessing without the pepper, which lives elsewhere. Peppered
    /// hashes are computed by the managed (Konscious) backend, since libsodium's Argon2id takes no secret.
    /// </remarks>
#pragma warning disable CA2227 // Bound from configuration: a dictionary set there replaces the default.
    public IDictionary<string, string>? Peppers { get; set; }
#pragma warning restore CA2227

    /// <summary>Gets or sets the key id of the pepper new hashes use; hashes with another (or none) verify as "rehash needed".</summary>
    /// <value>Default none: no pepper. When set, it must name an entry of <see cref="Peppers"/>.</value>
    public string? CurrentPepperId { get; set; }
}
