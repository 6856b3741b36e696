namespace TradingRl.Security.Tests;

/// <summary>Locates the read-only <c>shared/</c> folder that sits beside the repository (vectors and market data).</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The full path of a file below <c>shared/</c>, e.g. <c>Path("data/market/README.md")</c>.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("TRADINGRL_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "vectors")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "The shared/ folder (vectors and market data) was not found beside the repository. Set TRADINGRL_SHARED_DIR to its path.");
    }
}
