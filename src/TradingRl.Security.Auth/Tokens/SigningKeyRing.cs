using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>The access-token signing keys: one current key that signs, and previous keys that still verify until their last token expires.</summary>
/// <remarks>
/// Thread-safe. The current key is replaced every <see cref="AccessTokenOptions.KeyRotationInterval"/> (checked on use);
/// a replaced key keeps verifying for <see cref="AccessTokenOptions.MaxLifetime"/> plus the clock skew, then is dropped.
/// Keys live in memory: after a restart, earlier tokens stop validating and users refresh or sign in again.
/// <para>
/// With <see cref="AccessTokenOptions.FleetSigningSecret"/> set, every host of a fleet derives the same keys from the shared
/// secret instead (<see cref="SigningKey.DeriveFleetKey"/>): the key of rotation epoch <c>floor(unix time /
/// KeyRotationInterval)</c> signs, the previous epoch's keeps verifying until its last token expires, and the next epoch's
/// already verifies within <see cref="AccessTokenOptions.ClockSkew"/> of its start (a host whose clock runs ahead has
/// moved on). A token issued on one host validates on every other, across restarts, with no store; rotation is decided
/// once for the fleet by the clock. To rotate after a compromise, change the secret on every host (tokens signed under the
/// old one stop validating).
/// </para>
/// </remarks>
public sealed class SigningKeyRing : IDisposable
{
    private readonly AccessTokenOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly byte[]? _fleetSecret;
    private readonly ISecurityEventPublisher? _events;
    private volatile Entry[] _entries;
    private volatile SigningKey _current;
    private long _fleetEpoch;
    private int _disposed;

    /// <summary>Initializes a ring with a freshly generated current key.</summary>
    /// <param name="options">The token settings (algorithm, rotation interval, lifetimes).</param>
    /// <param name="timeProvider">The clock.</param>
    public SigningKeyRing(AccessTokenOptions options, TimeProvider timeProvider)
        : this(options, timeProvider, null)
    {
    }

    /// <summary>Initializes a ring that publishes <c>data.key.rotated</c> (resource <c>signing-key/&lt;kid&gt;</c>) for each new signing key, so the key-rotation metric sees token keys too.</summary>
    /// <param name="options">The token settings (algorithm, rotation interval, lifetimes).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="events">Where key events go; none when <see langword="null"/>.</param>
    public SigningKeyRing(AccessTokenOptions options, TimeProvider timeProvider, ISecurityEventPublisher? events)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _time = timeProvider;
        _events = events;
        if (options.FleetSigningSecret is { } fleet)
        {
            _fleetSecret = AccessTokenOptions.DecodeFleetSecret(fleet)
                ?? throw new ArgumentException($"AccessTokens.FleetSigningSecret must be base64 of {SigningKey.MinimumHmacSecretBytes} to {AccessTokenOptions.MaxFleetSecretBytes} bytes.", nameof(options));
            var now = timeProvider.GetUtcNow();
            _fleetEpoch = EpochOf(now);
            _current = SigningKey.DeriveFleetKey(options.Algorithm, _fleetSecret, _fleetEpoch, StartOf(_fleetEpoch));
            _entries = [new Entry(_current, null), FutureEntry(_fleetEpoch + 1)];

            // The previous epoch's tokens may still be live when a host (re)starts shortly after a rotation.
            if (now < StartOf(_fleetEpoch) + options.MaxLifetime + options.ClockSkew)
            {
                _entries = [.. _entries, new Entry(SigningKey.DeriveFleetKey(options.Algorithm, _fleetSecret, _fleetEpoch - 1, StartOf(_fleetEpoch - 1)), StartOf(_fleetEpoch) + options.MaxLifetime + options.ClockSkew)];
            }
        }
        else
        {
            _current = SigningKey.Generate(options.Algorithm, timeProvider.GetUtcNow());
            _entries = [new Entry(_current, null)];
        }

        PublishKeyEvent("created", _current, null);
    }

    /// <summary>Gets a value indicating whether the keys are derived from the fleet's shared secret.</summary>
    public bool IsFleetShared => _fleetSecret is not null;

    /// <summary>Gets the key that signs now, rotating first when the current one is due.</summary>
    public SigningKey Current
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this); // a disposed ring's keys (and fleet secret) are gone
            var current = _current;
            if (_fleetSecret is not null)
            {
                AdvanceFleetEpoch(_time.GetUtcNow());
                return _current;
            }

            if (_time.GetUtcNow() - current.CreatedAt >= _options.KeyRotationInterval)
            {
                lock (_gate)
                {
                    if (ReferenceEquals(current, _current))
                    {
                        Install(SigningKey.Generate(_options.Algorithm, _time.GetUtcNow()));
                    }
                }
            }

            return _current;
        }
    }

    /// <summary>Gets the ids of every key that still verifies, current first.</summary>
    public IReadOnlyList<string> KeyIds => [.. _entries.Select(e => e.Key.Kid)];

    /// <summary>Replaces the current key with a new random one now (e.g. after a suspected compromise of the host's secrets).</summary>
    /// <returns>The new current key.</returns>
    /// <exception cref="InvalidOperationException">The keys are fleet-shared: a random key on one host would split the fleet; change the fleet secret instead.</exception>
    public SigningKey Rotate() => _fleetSecret is not null
        ? throw new InvalidOperationException("The signing keys are derived from AccessTokens.FleetSigningSecret: a random key on one host would not validate on the others. To rotate now, change the fleet secret on every host.")
        : Install(SigningKey.Generate(_options.Algorithm, _time.GetUtcNow()));

    /// <summary>Makes <paramref name="key"/> the current signing key; the previous one keeps verifying for the overlap.</summary>
    /// <param name="key">The key, e.g. from <see cref="SigningKey.FromHmacSecret"/>; the ring takes ownership.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">A key with the same kid is already in the ring.</exception>
    /// <exception cref="InvalidOperationException">The keys are fleet-shared (<see cref="AccessTokenOptions.FleetSigningSecret"/>).</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public SigningKey Install(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_fleetSecret is not null)
        {
            throw new InvalidOperationException("The signing keys are derived from AccessTokens.FleetSigningSecret: a key installed on one host would not validate on the others. Change the fleet secret on every host instead.");
        }

        SigningKey previous;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_entries.Any(e => string.Equals(e.Key.Kid, key.Kid, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"The ring already holds a key with kid '{key.Kid}'.", nameof(key));
            }

            // The retired key verifies until every token it signed has expired: the longest lifetime plus the skew.
            var retiredUntil = now + _options.MaxLifetime + _options.ClockSkew;
            var kept = new List<Entry>(_entries.Length + 1) { new(key, null) };
            foreach (var e in _entries)
            {
                var until = e.VerifiesUntil ?? retiredUntil;
                if (until > now)
                {
                    kept.Add(e with { VerifiesUntil = until });
                }
                else
                {
                    e.Key.Dispose();
                }
            }

            previous = _current;
            _entries = [.. kept];
            _current = key;
        }

        PublishKeyEvent("rotated", key, previous); // outside the lock: a full event queue must not hold up signing
        return key;
    }

    /// <summary>Exports the public keys as a JWKS document (RFC 7517 section 5); HS256 secrets are never exported.</summary>
    /// <returns>The JSON text <c>{"keys":[...]}</c>.</returns>
    public string ExportJwks()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var e in _entries)
            {
                if (e.IsLive(_time.GetUtcNow()))
                {
                    e.Key.WritePublicJwk(writer);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var e in _entries)
        {
            e.Key.Dispose();
        }

        if (_fleetSecret is not null)
        {
            CryptographicOperations.ZeroMemory(_fleetSecret);
        }
    }

    /// <summary>Finds a key that still verifies, by its kid (ordinal, UTF-8).</summary>
    internal SigningKey? Find(ReadOnlySpan<byte> kidUtf8, DateTimeOffset now)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return null; // fail closed: a disposed ring verifies nothing
        }

        if (_fleetSecret is not null)
        {
            AdvanceFleetEpoch(now); // a host that only validates still follows the fleet's epochs
        }

        foreach (var e in _entries)
        {
            if (e.IsLive(now) && e.KidUtf8.AsSpan().SequenceEqual(kidUtf8))
            {
                return e.Key;
            }
        }

        return null;
    }

    private void PublishKeyEvent(string action, SigningKey key, SigningKey? previous)
    {
        if (_events is null)
        {
            return;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = action, ["key_id"] = key.Kid, ["algorithm"] = key.JwsAlgorithm };
        if (previous is not null)
        {
            properties["previous_key_id"] = previous.Kid;
        }

        properties["fleet_shared"] = _fleetSecret is null ? "false" : "true";
        _events.Publish(new SecurityEvent(SecurityEventTypes.KeyRotated.Type, SecurityEventTypes.KeyRotated.DefaultSeverity, _time.GetUtcNow())
        {
            Actor = "auth.signing-keys",
            Resource = "signing-key/" + key.Kid,
            Outcome = SecurityOutcome.Success,
            Properties = properties,
        });
    }

    private long EpochOf(DateTimeOffset now) => (now - DateTimeOffset.UnixEpoch).Ticks / _options.KeyRotationInterval.Ticks;

    private DateTimeOffset StartOf(long epoch) => DateTimeOffset.UnixEpoch.AddTicks(epoch * _options.KeyRotationInterval.Ticks);

    private Entry FutureEntry(long epoch) =>
        new(SigningKey.DeriveFleetKey(_options.Algorithm, _fleetSecret!, epoch, StartOf(epoch)), null) { VerifiesFrom = StartOf(epoch) - _options.ClockSkew };

    /// <summary>Moves to the epoch of <paramref name="now"/> when it has begun: its key (already derived as the future one) signs, the next is derived.</summary>
    private void AdvanceFleetEpoch(DateTimeOffset now)
    {
        var epoch = EpochOf(now);
        if (epoch <= Volatile.Read(ref _fleetEpoch))
        {
            return; // the common case: one division and a compare
        }

        SigningKey current, previous;
        lock (_gate)
        {
            if (epoch <= _fleetEpoch || Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            var retiredUntil = now + _options.MaxLifetime + _options.ClockSkew;
            var kept = new List<Entry>(_entries.Length + 2);
            SigningKey? next = null;
            foreach (var e in _entries)
            {
                if (e.VerifiesFrom is not null && e.Key.CreatedAt == StartOf(epoch))
                {
                    next = e.Key; // the future key becomes the current one
                }
                else if (e.VerifiesFrom is not null && e.Key.CreatedAt > StartOf(epoch))
                {
                    kept.Add(e);
                }
                else if ((e.VerifiesUntil ?? retiredUntil) > now)
                {
                    kept.Add(e with { VerifiesUntil = e.VerifiesUntil ?? retiredUntil });
                }
                else
                {
                    e.Key.Dispose();
                }
            }

            current = next ?? SigningKey.DeriveFleetKey(_options.Algorithm, _fleetSecret!, epoch, StartOf(epoch));
            kept.Insert(0, new Entry(current, null));
            if (!kept.Any(e => e.Key.CreatedAt == StartOf(epoch + 1)))
            {
                kept.Add(FutureEntry(epoch + 1));
            }

            previous = _current;
            _entries = [.. kept];
            _current = current;
            Volatile.Write(ref _fleetEpoch, epoch);
        }

        PublishKeyEvent("rotated", current, previous);
    }

    private sealed record Entry(SigningKey Key, DateTimeOffset? VerifiesUntil)
    {
        public byte[] KidUtf8 { get; } = Encoding.UTF8.GetBytes(Key.Kid);

        /// <summary>Gets when a key derived ahead of its epoch starts verifying; <see langword="null"/> for keys that sign or signed.</summary>
        public DateTimeOffset? VerifiesFrom { get; init; }

        public bool IsLive(DateTimeOffset now) => (VerifiesFrom is null || now >= VerifiesFrom) && (VerifiesUntil is null || now < VerifiesUntil);
    }
}
