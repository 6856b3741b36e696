using BenchmarkDotNet.Running;

// Runs the benchmarks named on the command line, e.g. `--filter *PermissionSet*`; see benchmarks/README.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
