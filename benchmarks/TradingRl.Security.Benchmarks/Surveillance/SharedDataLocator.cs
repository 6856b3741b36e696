namespace TradingRl.Security.Benchmarks.Surveillance;

/// <summary>Finds the read-only <c>shared/</c> folder (market data) beside the repository, or at <c>TRADINGRL_SHARED_DIR</c>.</summary>
internal static class SharedDataLocator
{
    public static string Path(string relative)
    {
        var fromEnv = Environment.GetEnvironmentVariable("TRADINGRL_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return System.IO.Path.Combine(fromEnv, relative);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "data", "market")))
            {
                return System.IO.Path.Combine(candidate, relative);
            }
        }

        throw new DirectoryNotFoundException("The shared/ folder (market data) was not found beside the repository. Set TRADINGRL_SHARED_DIR to its path.");
    }
}
