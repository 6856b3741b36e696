using System.Text;
using System.Text.Json;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>The access-token signing keys: one current key that signs, and previous keys that still verify until their last token expires.</summary>
/// <remarks>
/// Thread-safe. The current key is replaced every <see cref="AccessTokenOptions.KeyRotationInterval"/> (checked on use);
/// a replaced key keeps verifying for <see cref="AccessTokenOptions.MaxLifetime"/> plus the clock skew, then is dropped.
/// Keys live in memory: after a restart, earlier tokens stop validating and users refresh or sign in again.
/// </remarks>
public sealed class SigningKeyRing : IDisposable
{
    private readonly AccessTokenOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private volatile Entry[] _entries;
    private volatile SigningKey _current;

    /// <summary>Initializes a ring with a freshly generated current key.</summary>
    /// <param name="options">The token settings (algorithm, rotation interval, lifetimes).</param>
    /// <param name="timeProvider">The clock.</param>
    public SigningKeyRing(AccessTokenOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _time = timeProvider;
        _current = SigningKey.Generate(options.Algorithm, timeProvider.GetUtcNow());
        _entries = [new Entry(_current, null)];
    }

    /// <summary>Gets the key that signs now, rotating first when the current one is due.</summary>
    public SigningKey Current
    {
        get
        {
            var current = _current;
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
    public SigningKey Rotate() => Install(SigningKey.Generate(_options.Algorithm, _time.GetUtcNow()));

    /// <summary>Makes <paramref name="key"/> the current signing key; the previous one keeps verifying for the overlap.</summary>
    /// <param name="key">The key, e.g. from <see cref="SigningKey.FromHmacSecret"/>; the ring takes ownership.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">A key with the same kid is already in the ring.</exception>
    public SigningKey Install(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
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

            _entries = [.. kept];
            _current = key;
            return key;
        }
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
        foreach (var e in _entries)
        {
            e.Key.Dispose();
        }
    }

    /// <summary>Finds a key that still verifies, by its kid (ordinal, UTF-8).</summary>
    internal SigningKey? Find(ReadOnlySpan<byte> kidUtf8, DateTimeOffset now)
    {
        foreach (var e in _entries)
        {
            if (e.IsLive(now) && e.KidUtf8.AsSpan().SequenceEqual(kidUtf8))
            {
                return e.Key;
            }
        }

        return null;
    }

    private sealed record Entry(SigningKey Key, DateTimeOffset? VerifiesUntil)
    {
        public byte[] KidUtf8 { get; } = Encoding.UTF8.GetBytes(Key.Kid);

        public bool IsLive(DateTimeOffset now) => VerifiesUntil is null || now < VerifiesUntil;
    }
}
