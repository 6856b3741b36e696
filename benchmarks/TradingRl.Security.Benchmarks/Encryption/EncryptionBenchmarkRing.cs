using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TradingRl.Security.Encryption;

namespace TradingRl.Security.Benchmarks.Encryption;

/// <summary>A key ring over an in-memory store and a random master key, as the benchmarks use it.</summary>
internal static class EncryptionBenchmarkRing
{
    public static KeyRing Create(Action<EncryptionOptions>? configure = null)
    {
        var options = new EncryptionOptions { KeyRingDirectory = "unused", CreateIfMissing = true };
        configure?.Invoke(options);
        return new KeyRing(Options.Create(options), new InMemoryKeyRingStore(), new LocalMasterKeyProvider(RandomNumberGenerator.GetBytes(32)), TimeProvider.System);
    }
}
