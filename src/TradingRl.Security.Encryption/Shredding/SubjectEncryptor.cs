using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TradingRl.Security.Events;

namespace TradingRl.Security.Encryption;

/// <summary>Per-subject keys for crypto-shredding, wrapped under the key ring and kept in an <see cref="ISubjectKeyStore"/>.</summary>
/// <remarks>
/// Subject ids are stored only as SHA-256 hashes. Each subject key is a random 256-bit key, wrapped with the envelope
/// encryptor (so it follows key-ring rotation and rewrap) and cached unwrapped in memory until erased or disposed.
/// Erasure zeroes the cached key, destroys the stored one and publishes the evidence. Thread-safe.
/// </remarks>
public sealed class SubjectEncryptor : ISubjectEncryptor, IDisposable
{
    private const int MaxSubjectIdLength = 1024;
    private readonly ConcurrentDictionary<string, DataKey> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly IEnvelopeEncryptor _wrapper;
    private readonly ISubjectKeyStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly EncryptionEvents _events;

    /// <summary>Initializes the subject encryptor.</summary>
    /// <param name="wrapper">Wraps subject keys under the key ring.</param>
    /// <param name="store">Keeps the wrapped subject keys.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="publisher">Receives erasure events; none when omitted.</param>
    public SubjectEncryptor(IEnvelopeEncryptor wrapper, ISubjectKeyStore store, TimeProvider timeProvider, ILogger<SubjectEncryptor>? logger = null, ISecurityEventPublisher? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(wrapper);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _wrapper = wrapper;
        _store = store;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _events = new EncryptionEvents(publisher, timeProvider, _logger);
    }

    /// <summary>Returns the hash under which a subject's key is stored.</summary>
    /// <param name="subjectId">The subject id.</param>
    /// <returns>Lower-case hex SHA-256 of <c>tradingrl.subject.v1:</c> and the id.</returns>
    public static string HashSubject(string subjectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subjectId.Length, MaxSubjectIdLength, nameof(subjectId));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("tradingrl.subject.v1:" + subjectId)));
    }

    /// <inheritdoc/>
    public byte[] Encrypt(string subjectId, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context)
    {
        var key = GetOrCreate(HashSubject(subjectId));
        var cipher = _wrapper.Cipher;
        var output = new byte[EnvelopeFormat.GetCiphertextLength(cipher, plaintext.Length)];
        AeadCore.Seal(cipher, key, plaintext, context, output);
        return output;
    }

    /// <inheritdoc/>
    public byte[] Decrypt(string subjectId, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context)
    {
        var hash = HashSubject(subjectId);
        var header = EnvelopeFormat.ReadHeader(ciphertext);
        var key = Find(hash);
        if (key is null || key.Id != header.KeyId)
        {
            if (_store.FindErasure(header.KeyId) is not null)
            {
                throw new DecryptionFailedException(DecryptionFailureReason.SubjectErased, $"The data was encrypted under subject key {header.KeyId}, which was erased (crypto-shredding); it can never be decrypted again.", header.KeyId);
            }

            throw new DecryptionFailedException(DecryptionFailureReason.UnknownKey, $"The data was encrypted under key {header.KeyId}, which is not this subject's key.", header.KeyId);
        }

        DataKey.ThrowIfDisposedAsErased(key);
        var output = new byte[ciphertext.Length - header.HeaderLength - EnvelopeFormat.TagLength];
        if (AeadCore.Open(header, key, ciphertext, context, output) < 0)
        {
            throw new DecryptionFailedException(DecryptionFailureReason.AuthenticationFailed, $"The subject ciphertext under key {header.KeyId} failed authentication: it was altered, or the context differs.", header.KeyId);
        }

        return output;
    }

    /// <inheritdoc/>
    public SubjectErasureEvidence? EraseSubject(string subjectId)
    {
        var hash = HashSubject(subjectId);
        lock (_gate)
        {
            var record = _store.Find(hash);
            if (record is null)
            {
                return null;
            }

            var erasedAt = _timeProvider.GetUtcNow();
            var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"tradingrl.erasure.v1|{hash}|{record.KeyId:N}|{erasedAt.ToUnixTimeMilliseconds()}|{record.KeyCommitment}"))));
            var evidence = new SubjectErasureEvidence(hash, record.KeyId, erasedAt, record.KeyCommitment, digest);
            _ = _store.DestroyKey(evidence);
            if (_cache.TryRemove(hash, out var cached))
            {
                cached.Dispose();
            }

            EncryptionLog.SubjectErased(_logger, record.KeyId);
            _events.Publish(SecurityEventTypes.SubjectErased, "subject/" + hash, SecurityOutcome.Success, new()
            {
                ["subject_hash"] = hash,
                ["key_id"] = record.KeyId.ToString("N"),
                ["erased_at"] = erasedAt.ToString("O", CultureInfo.InvariantCulture),
                ["key_commitment"] = record.KeyCommitment,
                ["evidence_digest"] = digest,
            });
            return evidence;
        }
    }

    /// <summary>Zeroes every cached subject key.</summary>
    public void Dispose()
    {
        foreach (var key in _cache.Values)
        {
            key.Dispose();
        }

        _cache.Clear();
    }

    private static string Commitment(Guid keyId, ReadOnlySpan<byte> material)
    {
        Span<byte> input = stackalloc byte[35 + 16 + DataKey.Length];
        "tradingrl.subject-key-commitment.v1"u8.CopyTo(input);
        _ = keyId.TryWriteBytes(input.Slice(35, 16), bigEndian: true, out _);
        material.CopyTo(input[51..]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(input));
        CryptographicOperations.ZeroMemory(input);
        return hash;
    }

    private static byte[] WrapContext(string hash, Guid keyId) => Encoding.UTF8.GetBytes($"tradingrl.subject-key.v1/{keyId:N}/{hash}");

    private DataKey? Find(string hash)
    {
        if (_cache.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        lock (_gate)
        {
            if (_cache.TryGetValue(hash, out cached))
            {
                return cached;
            }

            var record = _store.Find(hash);
            return record is null ? null : Unwrap(record);
        }
    }

    private DataKey GetOrCreate(string hash)
    {
        var existing = Find(hash);
        if (existing is not null)
        {
            return existing;
        }

        lock (_gate)
        {
            if (_cache.TryGetValue(hash, out var cached))
            {
                return cached;
            }

            var now = _timeProvider.GetUtcNow();
            var key = DataKey.CreateRandom(Guid.CreateVersion7(now), now);
            var record = new SubjectKeyRecord(hash, key.Id, now, Convert.ToBase64String(_wrapper.Encrypt(key.Material, WrapContext(hash, key.Id))), Commitment(key.Id, key.Material));
            if (!_store.TryAdd(record))
            {
                key.Dispose();
                return Unwrap(_store.Find(hash) ?? throw new KeyRingException(KeyRingFailureReason.StorageFailed, "The subject key store refused a new key but holds none for the subject."));
            }

            _cache[hash] = key;
            return key;
        }
    }

    private DataKey Unwrap(SubjectKeyRecord record)
    {
        var material = _wrapper.Decrypt(Convert.FromBase64String(record.WrappedKey), WrapContext(record.SubjectHash, record.KeyId));
        try
        {
            var key = new DataKey(record.KeyId, record.CreatedAt, material);
            _cache[record.SubjectHash] = key;
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}
