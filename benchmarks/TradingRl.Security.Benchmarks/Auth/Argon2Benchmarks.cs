using BenchmarkDotNet.Attributes;
using TradingRl.Security.Auth.Passwords;

namespace TradingRl.Security.Benchmarks.Auth;

/// <summary>Argon2id at equal parameters (m = 19 MiB, t = 2, p = 1, kept modest so the run takes minutes): libsodium (NSec) beside Konscious.</summary>
[MemoryDiagnoser]
public class Argon2Benchmarks
{
    private Argon2idPasswordHasher _libsodium = null!;
    private Argon2idPasswordHasher _managed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _libsodium = new Argon2idPasswordHasher(Options(Argon2Backend.Libsodium));
        _managed = new Argon2idPasswordHasher(Options(Argon2Backend.Managed));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _libsodium.Dispose();
        _managed.Dispose();
    }

    [Benchmark(Description = "Libsodium (NSec)")]
    public string Libsodium() => _libsodium.HashAsync("correct horse battery staple").AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Konscious (managed)")]
    public string Konscious() => _managed.HashAsync("correct horse battery staple").AsTask().GetAwaiter().GetResult();

    private static PasswordHashingOptions Options(Argon2Backend backend) => new()
    {
        Backend = backend,
        MemoryKiB = PasswordHashingOptions.MinimumMemoryKiB,
        Iterations = 2,
        Parallelism = 1,
    };
}
