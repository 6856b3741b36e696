using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Encryption;

namespace TradingRl.Security.Testing.Tests;

public sealed class FixedKeyRingTests : IDisposable
{
    private static readonly byte[] Context = "tests/fixed-ring"u8.ToArray();
    private readonly string _dir = Directory.CreateTempSubdirectory("trsec-fixed-ring-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Create_Twice_SameSingleFixedKey()
    {
        using var a = FixedKeyRing.Create();
        using var b = FixedKeyRing.Create(new FakeTimeProvider());

        Assert.Equal(new Guid("00dc6acf-ac00-7b90-824e-cf86f88201d2"), a.CurrentKeyId);
        Assert.Equal(a.CurrentKeyId, b.CurrentKeyId);
        var key = Assert.Single(a.GetKeys());
        Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), key.CreatedAt);
        Assert.Equal(DataKeyStatus.Active, key.Status);
    }

    [Fact]
    public void Create_OnTheSystemClock_DoesNotRotateTheOldKeyAtLoad()
    {
        using var ring = FixedKeyRing.Create(TimeProvider.System);

        Assert.Equal(FixedKeyRing.KeyId, ring.CurrentKeyId);
    }

    [Fact]
    public void Rotate_ChangesOnlyThatInstance()
    {
        using var rotated = FixedKeyRing.Create();
        rotated.Rotate("test");
        using var fresh = FixedKeyRing.Create();

        Assert.NotEqual(FixedKeyRing.KeyId, rotated.CurrentKeyId);
        Assert.Equal(FixedKeyRing.KeyId, fresh.CurrentKeyId);
    }

    [Fact]
    public void AddEncryption_WithTheFixedStoreAndKey_DataFromOneHostDecryptsInAnother()
    {
        byte[] sealedBytes;
        using (var first = Host())
        {
            Assert.Equal(FixedKeyRing.KeyId, first.GetRequiredService<KeyRing>().CurrentKeyId);
            sealedBytes = first.GetRequiredService<IEnvelopeEncryptor>().Encrypt("P&L 1,234.56"u8, Context);
        }

        using var second = Host();
        var encryptor = second.GetRequiredService<IEnvelopeEncryptor>();

        Assert.Equal("P&L 1,234.56", Encoding.UTF8.GetString(encryptor.Decrypt(sealedBytes, Context)));
        sealedBytes[^1] ^= 1;
        Assert.Throws<DecryptionFailedException>(() => encryptor.Decrypt(sealedBytes, Context));
    }

    [Fact]
    public void CreateStore_EachCallItsOwnCopy()
    {
        var a = FixedKeyRing.CreateStore();
        a.Write("{}"u8);

        Assert.Equal(FixedKeyRing.CreateStore().Read(), FixedKeyRing.CreateStore().Read());
        Assert.NotEqual(a.Read(), FixedKeyRing.CreateStore().Read());
    }

    private ServiceProvider Host()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddSingleton<IKeyRingStore>(FixedKeyRing.CreateStore());
        services.AddSingleton<IKeyEncryptionKeyProvider>(FixedKeyRing.CreateKeyEncryptionKey());
        services.AddTradingSecurity(b => b.AddEncryption(o => o.KeyRingDirectory = _dir));
        return services.BuildServiceProvider();
    }
}
