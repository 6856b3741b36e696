using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Runs the benchmarks named on the command line, e.g. `--filter *PermissionSet*`; see benchmarks/README.md.
// The build timeout is raised because BenchmarkDotNet rebuilds the whole suite for each job on a 2-core machine;
// `--inProcess` skips that rebuild.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
