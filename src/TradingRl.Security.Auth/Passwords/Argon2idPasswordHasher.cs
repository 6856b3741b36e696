using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TradingRl.Security.Auth.Passwords;

/// <summary>Hashes and verifies passwords with Argon2id in PHC string format, through libsodium or Konscious.</summary>
/// <remarks>
/// Thread-safe. At most <see cref="PasswordHashingOptions.MaxConcurrentHashes"/> hashes run at once; further calls wait.
/// Hashes made by either backend verify with the other. Verification never throws on a malformed or over-costly stored
/// hash: it fails, and the reason is logged without the hash or the password.
/// </remarks>
public sealed partial class Argon2idPasswordHasher : IPasswordHasher, IDisposable
{
    /// <summary>The longest password accepted, in characters; longer ones are refused rather than truncated.</summary>
    public const int MaxPasswordLength = 4_096;

    private const int SaltLength = 16;
    private const int HashLength = 32;

    private readonly PasswordHashingOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly ILogger _logger;
    private readonly Dictionary<string, byte[]> _peppers = new(StringComparer.Ordinal);

    /// <summary>Initializes a hasher.</summary>
    /// <param name="options">The hashing policy.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <exception cref="ArgumentException">The policy is inconsistent (see the message).</exception>
    public Argon2idPasswordHasher(PasswordHashingOptions options, ILogger<Argon2idPasswordHasher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = Check(options);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        foreach (var (id, secret) in options.Peppers ?? new Dictionary<string, string>())
        {
            _peppers[id] = Convert.FromBase64String(secret);
        }

        _slots = new SemaphoreSlim(options.MaxConcurrentHashes, options.MaxConcurrentHashes);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public async ValueTask<string> HashAsync(string password, CancellationToken cancellationToken = default)
    {
        var bytes = Encode(password);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var salt = RandomNumberGenerator.GetBytes(SaltLength);
            byte[] hash;
            var pepperId = _options.CurrentPepperId;
            if (pepperId is not null)
            {
                hash = Argon2idEngines.Managed(bytes, salt, _options.MemoryKiB, _options.Iterations, _options.Parallelism, HashLength, _peppers[pepperId]);
            }
            else if (_options.Backend == Argon2Backend.Libsodium)
            {
                hash = new byte[HashLength];
                Argon2idEngines.Libsodium(bytes, salt, _options.MemoryKiB, _options.Iterations, hash);
            }
            else
            {
                hash = Argon2idEngines.Managed(bytes, salt, _options.MemoryKiB, _options.Iterations, _options.Parallelism, HashLength);
            }

            return new Argon2PhcString(_options.MemoryKiB, _options.Iterations, _options.Parallelism, salt, hash, pepperId).Format();
        }
        finally
        {
            _slots.Release();
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<PasswordVerificationResult> VerifyAsync(string password, string storedHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(storedHash);
        if (password.Length > MaxPasswordLength)
        {
            return PasswordVerificationResult.Failed;
        }

        if (!Argon2PhcString.TryParse(storedHash, out var stored))
        {
            LogMalformedHash(_logger);
            return PasswordVerificationResult.Failed;
        }

        if (stored.MemoryKiB > _options.MaxMemoryKiB || stored.Iterations > _options.MaxIterations || stored.Parallelism > _options.MaxParallelism)
        {
            LogHashTooCostly(_logger, stored.MemoryKiB, stored.Iterations, stored.Parallelism);
            return PasswordVerificationResult.Failed;
        }

        byte[]? pepper = null;
        if (stored.KeyId is { } keyId && !_peppers.TryGetValue(keyId, out pepper))
        {
            // Fail closed: without its pepper the hash cannot be checked (a retired pepper removed too early).
            LogUnknownPepper(_logger, keyId);
            return PasswordVerificationResult.Failed;
        }

        byte[] bytes;
        try
        {
            bytes = Encode(password);
        }
        catch (ArgumentException)
        {
            return PasswordVerificationResult.Failed;
        }

        bool ok;
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ok = Argon2idEngines.Verify(bytes, stored, preferLibsodium: true, pepper);
        }
        finally
        {
            _slots.Release();
            CryptographicOperations.ZeroMemory(bytes);
        }

        if (!ok)
        {
            return PasswordVerificationResult.Failed;
        }

        var weaker = stored.MemoryKiB < _options.MemoryKiB || stored.Iterations < _options.Iterations
            || stored.Salt.Length < SaltLength || stored.Hash.Length < HashLength
            || !string.Equals(stored.KeyId, _options.CurrentPepperId, StringComparison.Ordinal);
        return weaker ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Success;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _slots.Dispose();
        foreach (var pepper in _peppers.Values)
        {
            CryptographicOperations.ZeroMemory(pepper);
        }
    }

    /// <summary>Returns why the options cannot work together, or <see langword="null"/> when they can.</summary>
    internal static string? Check(PasswordHashingOptions o)
    {
        if (o.Backend == Argon2Backend.Libsodium && o.Parallelism != 1)
        {
            return "PasswordHashing.Parallelism must be 1 with the Libsodium backend (libsodium fixes one lane); use Backend = Managed for more lanes.";
        }

        if (o.MemoryKiB < PasswordHashingOptions.MinimumMemoryKiB || o.Iterations < 2)
        {
            return "PasswordHashing.MemoryKiB must be at least 19456 and Iterations at least 2 (OWASP's Argon2id floor): weaker hashes are cheap to crack.";
        }

        if (o.MaxMemoryKiB < o.MemoryKiB || o.MaxIterations < o.Iterations || o.MaxParallelism < o.Parallelism)
        {
            return "PasswordHashing.MaxMemoryKiB, MaxIterations and MaxParallelism must be at least MemoryKiB, Iterations and Parallelism, or new hashes would not verify.";
        }

        if (o.MaxConcurrentHashes < 1)
        {
            return "PasswordHashing.MaxConcurrentHashes must be at least 1.";
        }

        foreach (var (id, secret) in o.Peppers ?? new Dictionary<string, string>())
        {
            // The messages name the key id, never the secret.
            if (!Argon2PhcString.IsKeyId(id))
            {
                return $"PasswordHashing.Peppers: the key id '{id}' must be unpadded base64 of 1 to 8 bytes (e.g. 'cGVwMQ').";
            }

            if (!IsLongBase64(secret))
            {
                return $"PasswordHashing.Peppers: the pepper '{id}' must be base64 of at least 32 random bytes.";
            }
        }

        return o.CurrentPepperId is { } current && o.Peppers?.ContainsKey(current) != true
            ? $"PasswordHashing.CurrentPepperId '{current}' names no entry of PasswordHashing.Peppers."
            : null;
    }

    private static bool IsLongBase64(string? value)
    {
        if (value is null)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[512];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }

    /// <summary>NFKC-normalises (NIST SP 800-63B-4 section 3.1.1.2) and UTF-8-encodes a password; never trims or truncates.</summary>
    internal static byte[] Encode(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length > MaxPasswordLength)
        {
            throw new ArgumentException($"A password may be at most {MaxPasswordLength} characters long.", nameof(password));
        }

        if (!IsValidText(password))
        {
            throw new ArgumentException("The password is not valid Unicode text (it contains an unpaired surrogate).", nameof(password));
        }

        var normalized = password.Normalize(NormalizationForm.FormKC);
        return Encoding.UTF8.GetBytes(normalized);
    }

    /// <summary>Tells whether a string is well-formed UTF-16 (no unpaired surrogates), so encoding it loses nothing.</summary>
    internal static bool IsValidText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "A stored password hash is malformed; verification failed.")]
    private static partial void LogMalformedHash(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A stored password hash names the pepper {KeyId}, which is not configured; verification failed.")]
    private static partial void LogUnknownPepper(ILogger logger, string keyId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "A stored password hash asks for more than the maximum-cost policy (m={MemoryKiB} KiB, t={Iterations}, p={Parallelism}); verification failed.")]
    private static partial void LogHashTooCostly(ILogger logger, int memoryKiB, int iterations, int parallelism);
}
