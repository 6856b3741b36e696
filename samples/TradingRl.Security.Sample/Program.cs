using TradingRl.Security.Sample;

// The suite's main job: a host that protects a trading agent on real market data. See README.md.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SampleOptions.Usage);
    return SampleRunner.Success;
}

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(SampleOptions.Usage);
    return SampleRunner.UsageError;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

return await SampleRunner.RunAsync(options, Console.Out, Console.Error, cts.Token);
