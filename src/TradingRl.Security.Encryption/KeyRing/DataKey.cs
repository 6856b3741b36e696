using System.Security.Cryptography;
using NSec.Cryptography;

namespace TradingRl.Security.Encryption;

/// <summary>One 256-bit data key in memory: its raw bytes in a pinned array (zeroed on dispose) and NSec keys made from them.</summary>
internal sealed class DataKey : IDisposable
{
    public const int Length = 32;

    private readonly byte[] _material = GC.AllocateArray<byte>(Length, pinned: true);
    private readonly Lock _gate = new();
    private Key? _aes;
    private Key? _xchacha;
    private System.Security.Cryptography.AesGcm? _platformSpare;
    private int _disposed;

    // Messages encrypted so far (Interlocked) and the count reserved in the persisted ring; Used never passes Reserved.
    public long Used;
    public long Reserved;

    public DataKey(Guid id, DateTimeOffset createdAt, ReadOnlySpan<byte> material)
    {
        if (material.Length != Length)
        {
            throw new KeyRingException(KeyRingFailureReason.Corrupt, $"A data key must be {Length} bytes; the unwrapped key {id} is {material.Length} bytes.");
        }

        Id = id;
        CreatedAt = createdAt;
        material.CopyTo(_material);
    }

    public Guid Id { get; }

    public DateTimeOffset CreatedAt { get; }

    public DataKeyStatus Status { get; set; } = DataKeyStatus.Active;

    public DateTimeOffset? RevokedAt { get; set; }

    public string WrappedKey { get; set; } = string.Empty;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public ReadOnlySpan<byte> Material
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return _material;
        }
    }

    public static DataKey CreateRandom(Guid id, DateTimeOffset createdAt)
    {
        Span<byte> material = stackalloc byte[Length];
        RandomNumberGenerator.Fill(material);
        try
        {
            return new DataKey(id, createdAt, material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    public static void ThrowIfDisposedAsErased(DataKey key)
    {
        if (key.IsDisposed)
        {
            throw new DecryptionFailedException(DecryptionFailureReason.SubjectErased, $"The key {key.Id} was erased while in use; the data can never be decrypted again.", key.Id);
        }
    }

    public Key GetKey(AeadCipher cipher)
    {
        var existing = cipher == AeadCipher.Aes256Gcm ? Volatile.Read(ref _aes) : Volatile.Read(ref _xchacha);
        return existing ?? CreateKey(cipher);
    }

    /// <summary>Rents the platform's AES-GCM over this key, for large bodies; give it back with <see cref="ReturnPlatformAesGcm"/>.</summary>
    /// <remarks>One instance is kept between uses (so a warm encryptor allocates nothing); more are made when threads overlap.
    /// It is made under the same lock as <see cref="Dispose"/>, so an erased key is never copied half-zeroed.</remarks>
    public System.Security.Cryptography.AesGcm RentPlatformAesGcm()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            var spare = _platformSpare;
            _platformSpare = null;
            return spare ?? new System.Security.Cryptography.AesGcm(_material, EnvelopeFormat.TagLength);
        }
    }

    /// <summary>Gives back a rented instance: kept as the spare, or disposed (OpenSSL then clears its copy of the key) when the key was erased meanwhile or a spare is already kept.</summary>
    public void ReturnPlatformAesGcm(System.Security.Cryptography.AesGcm aes)
    {
        lock (_gate)
        {
            if (!IsDisposed && _platformSpare is null)
            {
                _platformSpare = aes;
                return;
            }
        }

        aes.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (_gate)
        {
            CryptographicOperations.ZeroMemory(_material);
            _aes?.Dispose();
            _xchacha?.Dispose();
            _platformSpare?.Dispose();
            _platformSpare = null;
        }
    }

    private Key CreateKey(AeadCipher cipher)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            ref var slot = ref cipher == AeadCipher.Aes256Gcm ? ref _aes : ref _xchacha;
            if (slot is null)
            {
                if (!AeadCore.IsSupported(cipher))
                {
                    throw new DecryptionFailedException(DecryptionFailureReason.UnsupportedAlgorithm, $"The data was encrypted with {cipher}, which this CPU does not support.", Id);
                }

                slot = Key.Import(AeadCore.Algorithm(cipher), _material, KeyBlobFormat.RawSymmetricKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
            }

            return slot;
        }
    }
}
