namespace TradingRl.Security.Tests;

/// <summary>A directory under the temporary folder, deleted with everything in it when disposed.</summary>
internal sealed class TempDirectory(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N"));

    /// <summary>Gets a fresh path below this directory.</summary>
    public string Sub() => System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
