using System.Security.Cryptography;

namespace TradingRl.Security.Encryption;

/// <summary>The embedded key-encryption key: a 256-bit master key from a local file (owner-only permissions) or from configuration.</summary>
/// <remarks>
/// Wraps with the envelope format (AES-256-GCM, or XChaCha20-Poly1305 without AES instructions) under the master key.
/// The master key file holds an 8-byte magic <c>TRLKEK01</c> followed by the 32 key bytes; on Unix it is created with mode
/// 0600 and refused when group or others may read it. Thread-safe; dispose to zero the key.
/// </remarks>
public sealed class LocalMasterKeyProvider : IKeyEncryptionKeyProvider, IDisposable
{
    /// <summary>The length of a master key in bytes.</summary>
    public const int MasterKeyLength = 32;

    private static readonly byte[] Magic = "TRLKEK01"u8.ToArray();
    private readonly DataKey _key;
    private readonly AeadCipher _cipher;

    /// <summary>Initializes a provider from master key bytes.</summary>
    /// <param name="masterKey">The 32-byte master key; copied, so the caller may zero its copy.</param>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public LocalMasterKeyProvider(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length != MasterKeyLength)
        {
            throw new ArgumentException($"A master key must be {MasterKeyLength} bytes; {masterKey.Length} were given.", nameof(masterKey));
        }

        Span<byte> id = stackalloc byte[32];
        HMACSHA256.HashData(masterKey, "tradingrl.kek.id.v1"u8, id);
        var guid = new Guid(id[..16], bigEndian: true);
        KeyId = "local:" + guid.ToString("N");
        _cipher = AeadCore.Choose(AeadCipherPreference.Auto);
        _key = new DataKey(guid, default, masterKey);
    }

    /// <inheritdoc/>
    public string KeyId { get; }

    internal bool CreatedNow { get; private init; }

    /// <summary>Creates a new random master key file with owner-only permissions.</summary>
    /// <param name="path">The file to create; it must not exist.</param>
    /// <returns>A provider over the new key.</returns>
    /// <exception cref="KeyRingException">The file already exists or cannot be written.</exception>
    public static LocalMasterKeyProvider CreateFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var buffer = GC.AllocateArray<byte>(Magic.Length + MasterKeyLength, pinned: true);
        try
        {
            Magic.CopyTo(buffer, 0);
            RandomNumberGenerator.Fill(buffer.AsSpan(Magic.Length));
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                OwnerOnlyFiles.CreateDirectory(directory);
            }

            using (var stream = new FileStream(path, OwnerOnlyFiles.Options(FileMode.CreateNew, FileAccess.Write)))
            {
                stream.Write(buffer);
                stream.Flush(flushToDisk: true);
            }

            return new LocalMasterKeyProvider(buffer.AsSpan(Magic.Length)) { CreatedNow = true };
        }
        catch (IOException ex)
        {
            throw new KeyRingException(KeyRingFailureReason.MasterKeyUnusable, $"The master key file '{path}' could not be created: {ex.Message} A master key is only created on the first run; if one exists, configure its path.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new KeyRingException(KeyRingFailureReason.MasterKeyUnusable, $"The master key file '{path}' could not be created: access denied.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>Loads a master key file, refusing one that others than its owner may read.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A provider over the key.</returns>
    /// <exception cref="KeyRingException">The file is missing, malformed or has loose permissions.</exception>
    public static LocalMasterKeyProvider LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new KeyRingException(KeyRingFailureReason.MasterKeyUnusable, $"The master key file '{path}' does not exist. Restore it from backup: without it the key ring cannot be decrypted. A new one is only made on the first run (CreateIfMissing with an empty key-ring directory).");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode loose = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & loose) != 0)
            {
                throw new KeyRingException(KeyRingFailureReason.MasterKeyUnusable, $"The master key file '{path}' may be read or written by group or others (mode {Convert.ToString((int)mode, 8)}); run 'chmod 600' on it.");
            }
        }

        var buffer = GC.AllocateArray<byte>(Magic.Length + MasterKeyLength + 1, pinned: true);
        try
        {
            int read;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }

            if (read != Magic.Length + MasterKeyLength || !buffer.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                throw new KeyRingException(KeyRingFailureReason.MasterKeyUnusable, $"The master key file '{path}' is not a TradingRl master key (expected {Magic.Length + MasterKeyLength} bytes starting with TRLKEK01). Restore it from backup.");
            }

            return new LocalMasterKeyProvider(buffer.AsSpan(Magic.Length, MasterKeyLength));
        }
        catch (IOException ex)
        {
            throw new KeyRingException(KeyRingFailureReason.MasterKeyUnusable, $"The master key file '{path}' could not be read: {ex.Message}", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <inheritdoc/>
    public byte[] WrapKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[EnvelopeFormat.GetCiphertextLength(_cipher, key.Length)];
        AeadCore.Seal(_cipher, _key, key, associatedData, output);
        return output;
    }

    /// <inheritdoc/>
    public int UnwrapKey(ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        var header = EnvelopeFormat.ReadHeader(wrappedKey);
        if (header.KeyId != _key.Id)
        {
            throw new KeyRingException(KeyRingFailureReason.KeyEncryptionKeyMismatch, $"The key was wrapped by key-encryption key local:{header.KeyId:N}, not by the configured {KeyId}. Configure the master key that wrapped the ring.");
        }

        var length = AeadCore.Open(header, _key, wrappedKey, associatedData, destination);
        if (length < 0)
        {
            throw new DecryptionFailedException(DecryptionFailureReason.AuthenticationFailed, "A wrapped key or seal failed authentication: it was altered or belongs to another entry.", header.KeyId);
        }

        return length;
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
