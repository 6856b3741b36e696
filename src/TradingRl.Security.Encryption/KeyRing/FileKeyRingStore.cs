namespace TradingRl.Security.Encryption;

/// <summary>Keeps the key ring in <c>keyring.json</c> under a directory, replaced by write, flush and rename.</summary>
/// <remarks>
/// The directory is created owner-only (0700 on Unix) and the files owner-only (0600). A write goes to
/// <c>keyring.json.tmp</c>, is flushed to disk, then renamed over <c>keyring.json</c>, so a crash leaves the old or the new ring.
/// Thread-safe within a process: <see cref="TryReplace"/> compares and writes under one lock. One process writes a ring directory
/// at a time (processes sharing a directory are not coordinated; share a fleet store such as PostgreSQL instead).
/// </remarks>
public sealed class FileKeyRingStore : IKeyRingStore
{
    /// <summary>The ring file name.</summary>
    public const string FileName = "keyring.json";

    /// <summary>The default master key file name in the same directory.</summary>
    public const string MasterKeyFileName = "master.key";

    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly string _tempPath;

    /// <summary>Initializes the store.</summary>
    /// <param name="directory">The key-ring directory.</param>
    public FileKeyRingStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Location = Path.GetFullPath(directory);
        _path = Path.Combine(Location, FileName);
        _tempPath = _path + ".tmp";
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <inheritdoc/>
    public bool IsEmpty()
    {
        if (!Directory.Exists(Location))
        {
            return true;
        }

        return !File.Exists(_path) && !File.Exists(_tempPath) && !File.Exists(Path.Combine(Location, MasterKeyFileName));
    }

    /// <inheritdoc/>
    public byte[]? Read()
    {
        lock (_gate)
        {
            return ReadLocked();
        }
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> document)
    {
        lock (_gate)
        {
            WriteLocked(document);
        }
    }

    /// <inheritdoc/>
    public bool TryReplace(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> document)
    {
        lock (_gate)
        {
            var current = ReadLocked();
            if (current is null ? !expected.IsEmpty : !expected.SequenceEqual(current))
            {
                return false;
            }

            WriteLocked(document);
            return true;
        }
    }

    private byte[]? ReadLocked()
    {
        try
        {
            return File.Exists(_path) ? File.ReadAllBytes(_path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyRingException(KeyRingFailureReason.StorageFailed, $"The key ring '{_path}' could not be read: {ex.Message}", ex);
        }
    }

    private void WriteLocked(ReadOnlySpan<byte> document)
    {
        try
        {
            OwnerOnlyFiles.WriteAtomically(_path, document, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyRingException(KeyRingFailureReason.StorageFailed, $"The key ring '{_path}' could not be written: {ex.Message} The previous ring is unchanged.", ex);
        }
    }
}
