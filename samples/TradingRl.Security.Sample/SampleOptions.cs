using System.Globalization;

namespace TradingRl.Security.Sample;

/// <summary>The sample's command line.</summary>
public sealed record SampleOptions
{
    /// <summary>Gets the LOBSTER message file to replay instead of the default quotes, if any.</summary>
    public string? OrdersPath { get; init; }

    /// <summary>Gets the quote file replayed by default.</summary>
    public string QuotesPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "Data", "truefx_usdjpy_ticks_2013-01-01.csv");

    /// <summary>Gets the directory for state that must survive between runs.</summary>
    public string DataDirectory { get; init; } = Path.GetFullPath("sample-data");

    /// <summary>Gets the directory for what the run writes for people.</summary>
    public string OutputDirectory { get; init; } = Path.GetFullPath("sample-out");

    /// <summary>Gets the number of agent accounts.</summary>
    public int Accounts { get; init; } = 8;

    /// <summary>Gets the agent's random seed.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Gets a value indicating whether to draw the progress bar.</summary>
    public bool Progress { get; init; } = true;

    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: dotnet run --project samples/TradingRl.Security.Sample -- [options]

          --orders PATH    replay a LOBSTER NASDAQ message file instead of the default USD/JPY quotes
          --accounts N     number of agent accounts (default 8; 1 to 1,000)
          --data DIR       state kept between runs (default ./sample-data)
          --out DIR        files written for people (default ./sample-out)
          --seed N         the agent's random seed (default 42)
          --no-progress    no progress bar
          --help           this text
        """;

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An option is unknown or its value is missing or bad.</exception>
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SampleOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--orders":
                    o = o with { OrdersPath = Path.GetFullPath(Value()) };
                    break;
                case "--data":
                    o = o with { DataDirectory = Path.GetFullPath(Value()) };
                    break;
                case "--out":
                    o = o with { OutputDirectory = Path.GetFullPath(Value()) };
                    break;
                case "--accounts":
                    var n = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a is >= 1 and <= 1000
                        ? a : throw new ArgumentException("--accounts takes a whole number from 1 to 1,000.");
                    o = o with { Accounts = n };
                    break;
                case "--seed":
                    o = o with { Seed = int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : throw new ArgumentException("--seed takes a whole number.") };
                    break;
                case "--no-progress":
                    o = o with { Progress = false };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return o;
    }
}
