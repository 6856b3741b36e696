namespace TradingRl.Security.Encryption;

/// <summary>Owner-only directories and files (0700 / 0600 on Unix), written by temp file, flush to disk and rename.</summary>
internal static class OwnerOnlyFiles
{
    public static FileStreamOptions Options(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> so a crash leaves the old or the new file; the temp file is removed on failure.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content, bool overwrite)
    {
        var temp = path + ".tmp";
        try
        {
            CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temp, Options(FileMode.Create, FileAccess.Write)))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp file makes a key-ring directory non-empty, so no new ring is created over it.
            }

            throw;
        }
    }
}
