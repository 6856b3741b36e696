using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace TradingRl.Security.Encryption.Tests;

/// <summary>Builds key rings over in-memory stores and fixed master keys for tests.</summary>
internal static class TestKeys
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static byte[] MasterKey(byte fill = 0x42) => Enumerable.Repeat(fill, 32).Select((b, i) => (byte)(b + i)).ToArray();

    public static FakeTimeProvider Clock() => new(Start);

    public static KeyRing Ring(
        IKeyRingStore? store = null,
        FakeTimeProvider? clock = null,
        Action<EncryptionOptions>? configure = null,
        IKeyEncryptionKeyProvider? kek = null)
    {
        var options = new EncryptionOptions { KeyRingDirectory = "unused", CreateIfMissing = true };
        configure?.Invoke(options);
        return new KeyRing(Options.Create(options), store ?? new InMemoryKeyRingStore(), kek ?? new LocalMasterKeyProvider(MasterKey()), clock ?? Clock());
    }

    public static EnvelopeEncryptor Encryptor(KeyRing ring, TimeProvider? clock = null) => new(ring, clock ?? Clock());
}
