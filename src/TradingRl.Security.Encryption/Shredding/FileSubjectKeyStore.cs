using System.Text.Json;

namespace TradingRl.Security.Encryption;

/// <summary>Keeps each subject's wrapped key in <c>&lt;subject-hash&gt;.key</c> under a directory, and erasure evidence in <c>&lt;key-id&gt;.erased</c>.</summary>
/// <remarks>
/// Files are owner-only and written by temp file, flush and rename. Erasure overwrites the key file with zeros, flushes,
/// deletes it and then writes the evidence. Overwriting cannot reach copies a file system or SSD keeps elsewhere; the
/// key is also wrapped under the key ring, so a recovered copy still needs the ring. Thread-safe within a process.
/// </remarks>
public sealed class FileSubjectKeyStore : ISubjectKeyStore
{
    private readonly Lock _gate = new();

    /// <summary>Initializes the store.</summary>
    /// <param name="directory">The subject-key directory; created owner-only on first write.</param>
    public FileSubjectKeyStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>Gets the full path of the directory.</summary>
    public string Directory { get; }

    /// <inheritdoc/>
    public SubjectKeyRecord? Find(string subjectHash)
    {
        var path = KeyPath(subjectHash);
        lock (_gate)
        {
            return File.Exists(path) ? Read(path, EncryptionJsonContext.Default.SubjectKeyRecord) : null;
        }
    }

    /// <inheritdoc/>
    public bool TryAdd(SubjectKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = KeyPath(record.SubjectHash);
        lock (_gate)
        {
            if (File.Exists(path))
            {
                return false;
            }

            WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(record, EncryptionJsonContext.Default.SubjectKeyRecord));
            return true;
        }
    }

    /// <inheritdoc/>
    public bool DestroyKey(SubjectErasureEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var path = KeyPath(evidence.SubjectHash);
        lock (_gate)
        {
            if (!File.Exists(path) || Read(path, EncryptionJsonContext.Default.SubjectKeyRecord)?.KeyId != evidence.KeyId)
            {
                return false;
            }

            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
                {
                    var zeros = new byte[stream.Length];
                    stream.Write(zeros);
                    stream.Flush(flushToDisk: true);
                }

                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KeyRingException(KeyRingFailureReason.StorageFailed, $"The subject key file '{path}' could not be erased: {ex.Message}", ex);
            }

            WriteAtomically(ErasurePath(evidence.KeyId), JsonSerializer.SerializeToUtf8Bytes(evidence, EncryptionJsonContext.Default.SubjectErasureEvidence));
            return true;
        }
    }

    /// <inheritdoc/>
    public SubjectErasureEvidence? FindErasure(Guid keyId)
    {
        var path = ErasurePath(keyId);
        lock (_gate)
        {
            return File.Exists(path) ? Read(path, EncryptionJsonContext.Default.SubjectErasureEvidence) : null;
        }
    }

    private static T? Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), typeInfo);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new KeyRingException(KeyRingFailureReason.Corrupt, $"The subject key file '{path}' could not be read or is corrupt: {ex.Message}", ex);
        }
    }

    private static void WriteAtomically(string path, byte[] content)
    {
        try
        {
            OwnerOnlyFiles.WriteAtomically(path, content, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyRingException(KeyRingFailureReason.StorageFailed, $"The subject key file '{path}' could not be written: {ex.Message}", ex);
        }
    }

    private string KeyPath(string subjectHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectHash);
        if (subjectHash.Length != 64 || !subjectHash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A subject hash is 64 lower-case hex digits.", nameof(subjectHash));
        }

        return Path.Combine(Directory, subjectHash + ".key");
    }

    private string ErasurePath(Guid keyId) => Path.Combine(Directory, keyId.ToString("N") + ".erased");
}
