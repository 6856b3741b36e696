using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using TradingRl.Security.Encryption;

namespace TradingRl.Security.Benchmarks.Encryption;

/// <summary>Encrypting a large file: a bare single-core NSec AES-256-GCM chunk loop against our file encryption on one core and on all cores.</summary>
/// <remarks>Run with <c>--strategy Monitoring --warmupCount 1 --iterationCount 3</c>. The file size comes from the environment variable <c>TRL_BENCH_FILE_MIB</c> (default 1024 = 1 GiB); files live in the temp folder.</remarks>
[MemoryDiagnoser]
public class FileEncryptionBenchmarks
{
    private const int Segment = 64 * 1024;
    private static readonly byte[] Context = "backup"u8.ToArray();
    private KeyRing _ring = null!;
    private StreamEncryptor _single = null!;
    private StreamEncryptor _parallel = null!;
    private Key _key = null!;
    private string _directory = null!;
    private string _source = null!;
    private string _destination = null!;

    [GlobalSetup]
    public void Setup()
    {
        var mib = int.TryParse(Environment.GetEnvironmentVariable("TRL_BENCH_FILE_MIB"), out var m) ? m : 1024;
        _directory = Path.Combine(Path.GetTempPath(), "trl-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _source = Path.Combine(_directory, "source.bin");
        _destination = Path.Combine(_directory, "out.enc");
        var chunk = RandomNumberGenerator.GetBytes(1024 * 1024);
        using (var f = File.Create(_source))
        {
            for (var i = 0; i < mib; i++)
            {
                f.Write(chunk);
            }
        }

        _ring = EncryptionBenchmarkRing.Create(o => o.Cipher = AeadCipherPreference.Aes256Gcm);
        _single = new StreamEncryptor(_ring, Options.Create(new EncryptionOptions { StreamSegmentSize = Segment, FileParallelism = 1 }));
        _parallel = new StreamEncryptor(_ring, Options.Create(new EncryptionOptions { StreamSegmentSize = Segment, FileParallelism = Environment.ProcessorCount }));
        _key = Key.Import(AeadAlgorithm.Aes256Gcm, RandomNumberGenerator.GetBytes(32), KeyBlobFormat.RawSymmetricKey);
    }

    [IterationCleanup]
    public void DeleteOutput() => File.Delete(_destination);

    [GlobalCleanup]
    public void Cleanup()
    {
        _ring.Dispose();
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public void Bare_NSecAesGcm_SingleCore()
    {
        var plain = new byte[Segment];
        var cipher = new byte[Segment + 16];
        var nonce = new byte[12];
        using var input = new FileStream(_source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var output = new FileStream(_destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        output.SetLength(input.Length + ((input.Length / Segment) + 1) * 16);
        int n;
        ulong counter = 0;
        while ((n = input.ReadAtLeast(plain, Segment, throwOnEndOfStream: false)) > 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), counter++);
            AeadAlgorithm.Aes256Gcm.Encrypt(_key, nonce, Context, plain.AsSpan(0, n), cipher.AsSpan(0, n + 16));
            output.Write(cipher, 0, n + 16);
        }

        output.Flush(flushToDisk: true);
    }

    [Benchmark]
    public long Ours_File_SingleCore() => _single.EncryptFileAsync(_source, _destination, Context).AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public long Ours_File_Parallel() => _parallel.EncryptFileAsync(_source, _destination, Context).AsTask().GetAwaiter().GetResult();
}
