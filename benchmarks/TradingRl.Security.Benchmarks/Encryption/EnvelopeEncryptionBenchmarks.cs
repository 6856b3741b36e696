using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NSec.Cryptography;
using TradingRl.Security.Encryption;

namespace TradingRl.Security.Benchmarks.Encryption;

/// <summary>Envelope encryption (key ring, header, context, usage bound) against bare NSec AES-256-GCM and System.Security.Cryptography.AesGcm.</summary>
/// <remarks>Every variant draws a fresh random 96-bit nonce per message, as a correct caller of the bare primitives must.</remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EnvelopeEncryptionBenchmarks
{
    private static readonly byte[] Context = "orders/42"u8.ToArray();
    private KeyRing _ring = null!;
    private EnvelopeEncryptor _ours = null!;
    private Key _nsecKey = null!;
    private System.Security.Cryptography.AesGcm _bcl = null!;
    private byte[] _plaintext = null!;
    private byte[] _ourCiphertext = null!;
    private byte[] _bareCiphertext = null!;
    private byte[] _tag = null!;
    private byte[] _nonce = null!;
    private byte[] _output = null!;

    /// <summary>Gets or sets the plaintext size.</summary>
    [Params(64, 1024, 65536, 1048576)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ring = EncryptionBenchmarkRing.Create(o => o.Cipher = AeadCipherPreference.Aes256Gcm);
        _ours = new EnvelopeEncryptor(_ring, TimeProvider.System);
        var key = RandomNumberGenerator.GetBytes(32);
        _nsecKey = Key.Import(AeadAlgorithm.Aes256Gcm, key, KeyBlobFormat.RawSymmetricKey);
        _bcl = new System.Security.Cryptography.AesGcm(key, 16);
        _plaintext = RandomNumberGenerator.GetBytes(Size);
        _ourCiphertext = _ours.Encrypt(_plaintext, Context);
        _nonce = RandomNumberGenerator.GetBytes(12);
        _bareCiphertext = new byte[Size + 16];
        AeadAlgorithm.Aes256Gcm.Encrypt(_nsecKey, _nonce, Context, _plaintext, _bareCiphertext);
        _tag = new byte[16];
        _output = new byte[Size + 64];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ring.Dispose();
        _nsecKey.Dispose();
        _bcl.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Encrypt")]
    public void NSec_Encrypt()
    {
        RandomNumberGenerator.Fill(_nonce);
        AeadAlgorithm.Aes256Gcm.Encrypt(_nsecKey, _nonce, Context, _plaintext, _output.AsSpan(0, Size + 16));
    }

    [Benchmark]
    [BenchmarkCategory("Encrypt")]
    public void Bcl_AesGcm_Encrypt()
    {
        RandomNumberGenerator.Fill(_nonce);
        _bcl.Encrypt(_nonce, _plaintext, _output.AsSpan(0, Size), _tag, Context);
    }

    [Benchmark]
    [BenchmarkCategory("Encrypt")]
    public int Ours_Encrypt() => _ours.Encrypt(_plaintext, Context, _output);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Decrypt")]
    public bool NSec_Decrypt() => AeadAlgorithm.Aes256Gcm.Decrypt(_nsecKey, _nonce, Context, _bareCiphertext, _output.AsSpan(0, Size));

    [Benchmark]
    [BenchmarkCategory("Decrypt")]
    public void Bcl_AesGcm_Decrypt() => _bcl.Decrypt(_nonce, _bareCiphertext.AsSpan(0, Size), _bareCiphertext.AsSpan(Size), _output.AsSpan(0, Size), Context);

    [Benchmark]
    [BenchmarkCategory("Decrypt")]
    public int Ours_Decrypt() => _ours.Decrypt(_ourCiphertext, Context, _output);
}
