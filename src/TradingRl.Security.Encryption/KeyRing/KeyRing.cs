using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Encryption;

/// <summary>The data keys: one current key for new data, older keys that still decrypt, wrapped by a key-encryption key and persisted atomically.</summary>
/// <remarks>
/// <para>Loaded once: a missing ring is an error unless <see cref="EncryptionOptions.CreateIfMissing"/> is set and the store is
/// empty; a corrupt ring, or one sealed by another key-encryption key, is always an error. Never silently a new ring.</para>
/// <para>Rotates on a schedule (<see cref="EncryptionOptions.KeyRotationInterval"/>, checked at load and by a timer from the
/// <see cref="TimeProvider"/>), on demand, and before a key would exceed <see cref="EncryptionOptions.MaxMessagesPerKey"/>.
/// Usage is reserved in the persisted ring in blocks, so a restart never resets a key's count below what it encrypted.</para>
/// <para>Thread-safe: encryption reads an immutable snapshot; changes are serialized and persisted before they take effect.</para>
/// <para>Fleet-safe over a shared store: every change is written with <see cref="IKeyRingStore.TryReplace"/> (compare-and-swap on
/// the document this ring last saw). A host that loses the race reloads the ring and re-decides: a rotation of a key another host
/// already replaced is not repeated (one rotation for the fleet), a usage reservation is taken after the other hosts' ones, a
/// revocation is re-applied. Data under a key this host does not know yet makes it reload the ring (at most once a second).</para>
/// </remarks>
public sealed class KeyRing : IDisposable
{
    private const int FormatVersion = 1;
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly IKeyRingStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly EncryptionEvents _events;
    private readonly TimeSpan _rotationInterval;
    private readonly long _maxMessages;
    private readonly long _reservationBlock;
    private readonly ITimer _timer;
    private IKeyEncryptionKeyProvider _kek;
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(1);
    private volatile Snapshot _snapshot;
    private byte[] _persisted = [];
    private long _lastRefresh = long.MinValue;
    private bool _disposed;

    /// <summary>Initializes the ring by loading it from the store (or creating the first one when allowed).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="store">Where the ring is kept.</param>
    /// <param name="keyEncryptionKey">Wraps the data keys.</param>
    /// <param name="timeProvider">The clock for key ages and scheduled rotation.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="publisher">Receives key-rotation events; none when omitted.</param>
    /// <exception cref="KeyRingException">The ring is missing (and may not be created), corrupt, or sealed by another key-encryption key.</exception>
    public KeyRing(
        IOptions<EncryptionOptions> options,
        IKeyRingStore store,
        IKeyEncryptionKeyProvider keyEncryptionKey,
        TimeProvider timeProvider,
        ILogger<KeyRing>? logger = null,
        ISecurityEventPublisher? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keyEncryptionKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var o = options.Value;
        _store = store;
        _kek = keyEncryptionKey;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _events = new EncryptionEvents(publisher, timeProvider, _logger);
        _rotationInterval = o.KeyRotationInterval;
        _maxMessages = Math.Clamp(o.MaxMessagesPerKey, 1, EncryptionOptions.MaxMessagesPerKeyLimit);
        _reservationBlock = Math.Clamp(_maxMessages / 1024, 1, 1 << 20);
        Cipher = AeadCore.Choose(o.Cipher);

        var bytes = store.Read();
        if (bytes is null)
        {
            if (!o.CreateIfMissing)
            {
                throw new KeyRingException(KeyRingFailureReason.NotFound, $"No key ring was found at '{store.Location}'. If this is the first run, set Encryption:CreateIfMissing to true once; if a ring existed, restore keyring.json from backup: data encrypted under it cannot be read without it.");
            }

            // A master key file made just now (first run) is the only thing allowed in the location.
            if (!store.IsEmpty() && keyEncryptionKey is not LocalMasterKeyProvider { CreatedNow: true })
            {
                throw new KeyRingException(KeyRingFailureReason.NotFound, $"No key ring was found at '{store.Location}', but the location is not empty (a master key or an interrupted write is there). A ring existed and was lost: restore keyring.json from backup. No new ring is created over it.");
            }

            var first = DataKey.CreateRandom(Guid.CreateVersion7(timeProvider.GetUtcNow()), timeProvider.GetUtcNow());
            first.WrappedKey = Wrap(_kek, first);
            var created = new Snapshot(first, new Dictionary<Guid, DataKey> { [first.Id] = first }.ToFrozenDictionary());
            if (TryPersist(created, _kek))
            {
                _snapshot = created;
                EncryptionLog.RingCreated(_logger, store.Location, first.Id);
                _events.Publish(SecurityEventTypes.KeyRotated, "keyring/" + first.Id.ToString("N"), SecurityOutcome.Success, new() { ["action"] = "created", ["key_id"] = first.Id.ToString("N") });
            }
            else
            {
                // Another host created the first ring at the same moment: use that one.
                first.Dispose();
                bytes = store.Read() ?? throw Corrupt("it vanished right after another host created it");
                _snapshot = Load(bytes);
                _persisted = bytes;
            }
        }
        else
        {
            _snapshot = Load(bytes);
            _persisted = bytes;
        }

        var aesSupported = AeadCore.IsSupported(AeadCipher.Aes256Gcm);
        EncryptionLog.CipherChosen(_logger, Cipher, aesSupported, store.Location);
        if (Age(_snapshot.Current) >= _rotationInterval)
        {
            Rotate("scheduled (key older than the rotation interval at load)");
        }

        _timer = timeProvider.CreateTimer(static s => ((KeyRing)s!).OnTimer(), this, DueTime(), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Gets the algorithm new data is encrypted with, chosen at start.</summary>
    public AeadCipher Cipher { get; }

    /// <summary>Gets the id of the current data key.</summary>
    public Guid CurrentKeyId => _snapshot.Current.Id;

    /// <summary>Gets the id of the key-encryption key that wraps the ring.</summary>
    public string KeyEncryptionKeyId => _kek.KeyId;

    /// <summary>Returns what may be shown about every key, newest first.</summary>
    /// <returns>The keys; never their material.</returns>
    public IReadOnlyList<DataKeyInfo> GetKeys() =>
        [.. _snapshot.ById.Values.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Select(k => new DataKeyInfo(k.Id, k.CreatedAt, k.Status, k.RevokedAt, Volatile.Read(ref k.Reserved)))];

    /// <summary>Makes a new current key; the former current key keeps decrypting.</summary>
    /// <param name="reason">Why, for the log and the event; "on demand" when omitted.</param>
    /// <returns>The new current key.</returns>
    /// <exception cref="KeyRingException">The ring could not be persisted; nothing changed.</exception>
    public DataKeyInfo Rotate(string? reason = null)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return RotateLocked(reason ?? "on demand");
        }
    }

    /// <summary>Revokes a key: data under it is refused from now on. Revoking the current key rotates first.</summary>
    /// <param name="keyId">The key.</param>
    /// <exception cref="KeyRingException">The key is unknown, or the ring could not be persisted.</exception>
    /// <remarks>Re-encrypt data you still need (<see cref="IEnvelopeEncryptor.ReEncrypt(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>) before revoking its key. Revocation is not undone.</remarks>
    public void Revoke(Guid keyId)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (true)
            {
                if (!_snapshot.ById.TryGetValue(keyId, out var key))
                {
                    throw new KeyRingException(KeyRingFailureReason.InvalidOperation, $"The key ring has no key {keyId} to revoke.");
                }

                if (key.Status == DataKeyStatus.Revoked)
                {
                    return;
                }

                if (key == _snapshot.Current)
                {
                    RotateLocked("the current key is being revoked");
                    continue;
                }

                var previous = key.Status;
                key.Status = DataKeyStatus.Revoked;
                key.RevokedAt = _timeProvider.GetUtcNow();
                bool written;
                try
                {
                    written = TryPersist(_snapshot, _kek);
                }
                catch
                {
                    key.Status = previous;
                    key.RevokedAt = null;
                    throw;
                }

                if (written)
                {
                    break;
                }

                key.Status = previous;
                key.RevokedAt = null;
                ReloadLocked(null);
            }

            EncryptionLog.Revoked(_logger, keyId);
            _events.Publish(SecurityEventTypes.KeyRotated, "keyring/" + keyId.ToString("N"), SecurityOutcome.Success, new() { ["action"] = "revoked", ["key_id"] = keyId.ToString("N") });
        }
    }

    /// <summary>Wraps every data key under a new key-encryption key and seals the ring with it; the data keys do not change.</summary>
    /// <param name="newKeyEncryptionKey">The new key-encryption key; configure it for the next start.</param>
    /// <exception cref="KeyRingException">The ring could not be persisted; the old wrapping stays in force.</exception>
    public void Rewrap(IKeyEncryptionKeyProvider newKeyEncryptionKey)
    {
        ArgumentNullException.ThrowIfNull(newKeyEncryptionKey);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Dictionary<Guid, string> wrapped;
            while (true)
            {
                var snapshot = _snapshot;
                wrapped = [];
                foreach (var key in snapshot.ById.Values)
                {
                    // From the stored wrapped copy, so revoked keys (zeroed in memory) are carried over too.
                    wrapped[key.Id] = RewrapEntry(key, newKeyEncryptionKey);
                }

                var previous = snapshot.ById.Values.ToDictionary(k => k.Id, k => k.WrappedKey);
                foreach (var key in snapshot.ById.Values)
                {
                    key.WrappedKey = wrapped[key.Id];
                }

                bool written;
                try
                {
                    written = TryPersist(snapshot, newKeyEncryptionKey);
                }
                catch
                {
                    RestoreWrapped(snapshot, previous);
                    throw;
                }

                if (written)
                {
                    break;
                }

                RestoreWrapped(snapshot, previous);
                ReloadLocked(null);
            }

            var oldKekId = _kek.KeyId;
            _kek = newKeyEncryptionKey;
            EncryptionLog.Rewrapped(_logger, wrapped.Count, oldKekId, newKeyEncryptionKey.KeyId);
            _events.Publish(SecurityEventTypes.KeyRotated, "keyring", SecurityOutcome.Success, new() { ["action"] = "rewrapped", ["kek_id"] = newKeyEncryptionKey.KeyId, ["previous_kek_id"] = oldKekId });
        }
    }

    /// <summary>Stops the rotation timer and zeroes the data keys in memory.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            foreach (var key in _snapshot.ById.Values)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Returns the current key with one message reserved under it, rotating first when the key reached its bound.</summary>
    internal DataKey AcquireForEncryption()
    {
        while (true)
        {
            var key = _snapshot.Current;
            var n = Interlocked.Increment(ref key.Used);
            if (n <= Volatile.Read(ref key.Reserved))
            {
                return key;
            }

            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (key != _snapshot.Current)
                {
                    continue;
                }

                if (n <= key.Reserved)
                {
                    return key;
                }

                if (key.Reserved >= _maxMessages)
                {
                    RotateLocked("the key reached its usage bound of " + _maxMessages + " messages");
                    continue;
                }

                var reserved = Math.Min(_maxMessages, key.Reserved + _reservationBlock);
                var before = key.Reserved;
                Volatile.Write(ref key.Reserved, reserved);
                bool written;
                try
                {
                    written = TryPersist(_snapshot, _kek);
                }
                catch
                {
                    Volatile.Write(ref key.Reserved, before);
                    throw;
                }

                if (!written)
                {
                    // Another host changed the ring (perhaps reserving under this key): reload and reserve after it.
                    Volatile.Write(ref key.Reserved, before);
                    ReloadLocked(null);
                    continue;
                }

                if (n <= reserved)
                {
                    return key;
                }
            }
        }
    }

    /// <summary>Returns a key that may decrypt, or throws the typed refusal.</summary>
    internal DataKey GetForDecryption(Guid keyId)
    {
        if (!_snapshot.ById.TryGetValue(keyId, out var key) && (!RefreshForUnknownKey() || !_snapshot.ById.TryGetValue(keyId, out key)))
        {
            throw new DecryptionFailedException(DecryptionFailureReason.UnknownKey, $"The data was encrypted under key {keyId}, which this key ring does not hold: it comes from another ring, or the ring was replaced.", keyId);
        }

        if (key.Status == DataKeyStatus.Revoked || key.IsDisposed)
        {
            throw new DecryptionFailedException(DecryptionFailureReason.RevokedKey, $"The data was encrypted under key {keyId}, which was revoked; it is no longer decrypted.", keyId);
        }

        return key;
    }

    /// <summary>Wraps a subject key (or other secret) under the current key-encryption key.</summary>
    internal byte[] WrapSecret(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> associatedData) => _kek.WrapKey(secret, associatedData);

    /// <summary>Unwraps what <see cref="WrapSecret"/> made.</summary>
    internal int UnwrapSecret(ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> associatedData, Span<byte> destination) => _kek.UnwrapKey(wrapped, associatedData, destination);

    private static string Wrap(IKeyEncryptionKeyProvider kek, DataKey key) => Convert.ToBase64String(kek.WrapKey(key.Material, EntryAssociatedData(key.Id, key.CreatedAt)));

    private static byte[] EntryAssociatedData(Guid id, DateTimeOffset createdAt) =>
        Encoding.UTF8.GetBytes($"tradingrl.keyring.v1/data-key/{id:N}/{createdAt.ToUnixTimeMilliseconds()}");

    private static byte[] SealAssociatedData(byte[] body)
    {
        var ad = new byte[21 + 32];
        "tradingrl.keyring.v1/"u8.CopyTo(ad);
        SHA256.HashData(body, ad.AsSpan(21));
        return ad;
    }

    private string RewrapEntry(DataKey key, IKeyEncryptionKeyProvider newKek)
    {
        var ad = EntryAssociatedData(key.Id, key.CreatedAt);
        var buffer = GC.AllocateArray<byte>(DataKey.Length, pinned: true);
        try
        {
            var length = _kek.UnwrapKey(Convert.FromBase64String(key.WrappedKey), ad, buffer);
            return Convert.ToBase64String(newKek.WrapKey(buffer.AsSpan(0, length), ad));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private DataKeyInfo RotateLocked(string reason)
    {
        DataKey previous, next;
        Snapshot candidate;
        while (true)
        {
            previous = _snapshot.Current;
            var now = _timeProvider.GetUtcNow();
            next = DataKey.CreateRandom(Guid.CreateVersion7(now), now);
            next.WrappedKey = Wrap(_kek, next);
            var byId = new Dictionary<Guid, DataKey>(_snapshot.ById) { [next.Id] = next };
            candidate = new Snapshot(next, byId.ToFrozenDictionary());
            var previousStatus = previous.Status;
            if (previous.Status == DataKeyStatus.Active)
            {
                previous.Status = DataKeyStatus.Retired;
            }

            bool written;
            try
            {
                written = TryPersist(candidate, _kek);
            }
            catch
            {
                previous.Status = previousStatus;
                next.Dispose();
                throw;
            }

            if (written)
            {
                break;
            }

            previous.Status = previousStatus;
            next.Dispose();
            ReloadLocked(null);
            if (_snapshot.Current.Id != previous.Id)
            {
                // Another host already replaced the key this rotation meant to replace: that was the fleet's rotation.
                var current = _snapshot.Current;
                return new DataKeyInfo(current.Id, current.CreatedAt, current.Status, null, Volatile.Read(ref current.Reserved));
            }
        }

        _snapshot = candidate;
        _timer?.Change(DueTime(), Timeout.InfiniteTimeSpan);
        EncryptionLog.Rotated(_logger, next.Id, previous.Id, reason);
        _events.Publish(SecurityEventTypes.KeyRotated, "keyring/" + next.Id.ToString("N"), SecurityOutcome.Success, new()
        {
            ["action"] = "rotated",
            ["key_id"] = next.Id.ToString("N"),
            ["previous_key_id"] = previous.Id.ToString("N"),
            ["reason"] = reason,
        });
        return new DataKeyInfo(next.Id, next.CreatedAt, next.Status, null, 0);
    }

    private static void RestoreWrapped(Snapshot snapshot, Dictionary<Guid, string> previous)
    {
        foreach (var key in snapshot.ById.Values)
        {
            key.WrappedKey = previous[key.Id];
        }
    }

    private static void RaiseTo(ref long location, long value)
    {
        var seen = Volatile.Read(ref location);
        while (seen < value)
        {
            var actual = Interlocked.CompareExchange(ref location, value, seen);
            if (actual == seen)
            {
                return;
            }

            seen = actual;
        }
    }

    /// <summary>Reloads the ring after another host changed it, keeping this host's key objects (and usage counts) for the keys it holds.</summary>
    private void ReloadLocked(byte[]? bytes)
    {
        bytes ??= _store.Read() ?? throw Corrupt("it vanished from the store while in use");
        var loaded = Load(bytes);
        var merged = new Dictionary<Guid, DataKey>();
        foreach (var fresh in loaded.ById.Values)
        {
            if (_snapshot.ById.TryGetValue(fresh.Id, out var mine))
            {
                mine.Status = fresh.Status;
                mine.RevokedAt = fresh.RevokedAt;
                mine.WrappedKey = fresh.WrappedKey;

                // Usage other hosts reserved counts as used here too, so reservations never overlap (over-counting only rotates sooner).
                var reserved = Volatile.Read(ref fresh.Reserved);
                RaiseTo(ref mine.Used, reserved);
                Volatile.Write(ref mine.Reserved, Math.Max(reserved, Volatile.Read(ref mine.Reserved)));
                if (mine.Status == DataKeyStatus.Revoked)
                {
                    mine.Dispose();
                }

                fresh.Dispose();
                merged[mine.Id] = mine;
            }
            else
            {
                merged[fresh.Id] = fresh;
            }
        }

        _snapshot = new Snapshot(merged[loaded.Current.Id], merged.ToFrozenDictionary());
        _persisted = bytes;
        _timer?.Change(DueTime(), Timeout.InfiniteTimeSpan);
        EncryptionLog.ReloadedAfterConflict(_logger, _store.Location, _snapshot.Current.Id);
    }

    /// <summary>Reloads the ring when data arrives under a key this host does not hold (another host rotated), at most once a second.</summary>
    private bool RefreshForUnknownKey()
    {
        lock (_gate)
        {
            if (_disposed || (_lastRefresh != long.MinValue && _timeProvider.GetElapsedTime(_lastRefresh) < MinRefreshInterval))
            {
                return false;
            }

            _lastRefresh = _timeProvider.GetTimestamp();
            try
            {
                var bytes = _store.Read();
                if (bytes is null || bytes.AsSpan().SequenceEqual(_persisted))
                {
                    return false;
                }

                ReloadLocked(bytes);
                return true;
            }
            catch (KeyRingException ex)
            {
                // The store is unreachable or the ring does not load: the data stays refused (fail closed).
                EncryptionLog.RefreshFailed(_logger, ex);
                return false;
            }
        }
    }

    /// <summary>Writes the ring if the store still holds what this ring last saw; false when another host changed it first.</summary>
    private bool TryPersist(Snapshot snapshot, IKeyEncryptionKeyProvider kek)
    {
        var document = new KeyRingDocument
        {
            Format = FormatVersion,
            KekId = kek.KeyId,
            CurrentKeyId = snapshot.Current.Id,
            Keys = [.. snapshot.ById.Values.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Select(k => new KeyRingEntry
            {
                Id = k.Id,
                CreatedAt = k.CreatedAt,
                Status = k.Status,
                RevokedAt = k.RevokedAt,
                MessagesReserved = Volatile.Read(ref k.Reserved),
                WrappedKey = k.WrappedKey,
            })],
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(document, EncryptionJsonContext.Default.KeyRingDocument);
        document.Seal = Convert.ToBase64String(kek.WrapKey(ReadOnlySpan<byte>.Empty, SealAssociatedData(body)));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, EncryptionJsonContext.Default.KeyRingDocument);
        if (!_store.TryReplace(_persisted, bytes))
        {
            return false;
        }

        _persisted = bytes;
        return true;
    }

    private Snapshot Load(byte[] bytes)
    {
        KeyRingDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, EncryptionJsonContext.Default.KeyRingDocument);
        }
        catch (JsonException ex)
        {
            throw Corrupt("it is not valid JSON", ex);
        }

        if (document is null || document.Format != FormatVersion || document.Keys.Count == 0 || document.Seal is null)
        {
            throw Corrupt(document?.Format is int f && f != FormatVersion ? $"its format {f} is not {FormatVersion}" : "required fields are missing");
        }

        if (!string.Equals(document.KekId, _kek.KeyId, StringComparison.Ordinal))
        {
            throw new KeyRingException(KeyRingFailureReason.KeyEncryptionKeyMismatch, $"The key ring at '{_store.Location}' is wrapped by key-encryption key '{document.KekId}', but '{_kek.KeyId}' is configured. Configure the master key that wrapped it (or restore it from backup).");
        }

        // Any byte change must be caught: the file must be exactly the canonical form of what it parses to.
        if (!JsonSerializer.SerializeToUtf8Bytes(document, EncryptionJsonContext.Default.KeyRingDocument).AsSpan().SequenceEqual(bytes))
        {
            throw Corrupt("it is not byte for byte the form this library writes (it was edited)");
        }

        var seal = document.Seal;
        document.Seal = null;
        var body = JsonSerializer.SerializeToUtf8Bytes(document, EncryptionJsonContext.Default.KeyRingDocument);
        try
        {
            _ = _kek.UnwrapKey(Convert.FromBase64String(seal), SealAssociatedData(body), Span<byte>.Empty);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw Corrupt("its seal does not verify (it was edited, truncated or damaged)", ex);
        }

        var byId = new Dictionary<Guid, DataKey>();
        var buffer = GC.AllocateArray<byte>(DataKey.Length + EnvelopeFormat.TagLength, pinned: true);
        try
        {
            foreach (var entry in document.Keys)
            {
                int length;
                try
                {
                    length = _kek.UnwrapKey(Convert.FromBase64String(entry.WrappedKey), EntryAssociatedData(entry.Id, entry.CreatedAt), buffer);
                }
                catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
                {
                    throw Corrupt($"the wrapped key {entry.Id} does not unwrap", ex);
                }

                var key = new DataKey(entry.Id, entry.CreatedAt, buffer.AsSpan(0, length))
                {
                    Status = entry.Status,
                    RevokedAt = entry.RevokedAt,
                    WrappedKey = entry.WrappedKey,
                };
                CryptographicOperations.ZeroMemory(buffer);
                key.Used = entry.MessagesReserved;
                key.Reserved = entry.MessagesReserved;
                if (key.Status == DataKeyStatus.Revoked)
                {
                    key.Dispose();
                }

                if (!byId.TryAdd(key.Id, key))
                {
                    throw Corrupt($"the key {entry.Id} appears twice");
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }

        if (!byId.TryGetValue(document.CurrentKeyId, out var current) || current.Status != DataKeyStatus.Active)
        {
            throw Corrupt("its current key is missing or not active");
        }

        return new Snapshot(current, byId.ToFrozenDictionary());
    }

    private KeyRingException Corrupt(string what, Exception? inner = null) =>
        new(KeyRingFailureReason.Corrupt, $"The key ring at '{_store.Location}' is corrupt: {what}. Restore keyring.json from backup; no new ring is made, since data under the old keys would be lost.", inner);

    private TimeSpan Age(DataKey key) => _timeProvider.GetUtcNow() - key.CreatedAt;

    private TimeSpan DueTime()
    {
        var due = _rotationInterval - Age(_snapshot.Current);
        return due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxTimerDue ? MaxTimerDue : due;
    }

    private void OnTimer()
    {
        try
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                if (Age(_snapshot.Current) >= _rotationInterval)
                {
                    RotateLocked("scheduled (rotation interval elapsed)");
                }
                else
                {
                    _timer.Change(DueTime(), Timeout.InfiniteTimeSpan);
                }
            }
        }
        catch (Exception ex) when (ex is KeyRingException or CryptographicException)
        {
            EncryptionLog.ScheduledRotationFailed(_logger, ex);
            lock (_gate)
            {
                if (!_disposed)
                {
                    _timer.Change(TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private sealed record Snapshot(DataKey Current, FrozenDictionary<Guid, DataKey> ById);
}
