using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Runs the benchmarks named on the command line, e.g. `--filter *PermissionSet*`; see benchmarks/README.md.
// The build timeout is raised because BenchmarkDotNet rebuilds the whole suite for each job on a 2-core machine;
// `--inProcess` skips that rebuild.
if (args is ["--api-load-host", ..])
{
    // Serves the bare and the secured endpoint for an external load generator (wrk); see benchmarks/results/AspNetCore.md.
    await using var host = await TradingRl.Security.Benchmarks.AspNetCore.ApiLoadHost.StartAsync(5101, 5102);
    Console.WriteLine($"bare    {host.BareUrl}");
    Console.WriteLine($"secured {host.SecuredUrl}");
    Console.WriteLine($"token   {host.Token}");
    await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(host.Secured);
    return;
}

if (args is ["--api-pipeline-profile", ..])
{
    // The bare and the secured pipeline driven in process, without sockets: the stack's cost per request on a noisy machine.
    // --api-pipeline-profile [bare|secured|both] [batches]: more batches keep the process busy long enough to attach perf.
    var side = args.Length > 1 && args[1] != "both" ? args[1] : null;
    var batches = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 15;
    await TradingRl.Security.Benchmarks.AspNetCore.ApiPipelineProfile.RunAsync(side, batches);
    return;
}

var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
