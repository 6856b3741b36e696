using System.Collections.Concurrent;

namespace TradingRl.Security.Encryption;

/// <summary>A subject-key store in memory, for tests.</summary>
/// <remarks>Thread-safe. Nothing survives the process.</remarks>
public sealed class InMemorySubjectKeyStore : ISubjectKeyStore
{
    private readonly ConcurrentDictionary<string, SubjectKeyRecord> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, SubjectErasureEvidence> _erasures = new();

    /// <inheritdoc/>
    public SubjectKeyRecord? Find(string subjectHash) => _keys.TryGetValue(subjectHash, out var r) ? r : null;

    /// <inheritdoc/>
    public bool TryAdd(SubjectKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _keys.TryAdd(record.SubjectHash, record);
    }

    /// <inheritdoc/>
    public bool DestroyKey(SubjectErasureEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (!_keys.TryGetValue(evidence.SubjectHash, out var r) || r.KeyId != evidence.KeyId ||
            !_keys.TryRemove(new KeyValuePair<string, SubjectKeyRecord>(evidence.SubjectHash, r)))
        {
            return false;
        }

        _erasures[evidence.KeyId] = evidence;
        return true;
    }

    /// <inheritdoc/>
    public SubjectErasureEvidence? FindErasure(Guid keyId) => _erasures.TryGetValue(keyId, out var e) ? e : null;
}
