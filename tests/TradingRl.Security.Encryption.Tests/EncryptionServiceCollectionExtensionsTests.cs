using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TradingRl.Security.Encryption.Tests;

public class EncryptionServiceCollectionExtensionsTests
{
    private static readonly byte[] SnapshotContext = "sample/pnl-snapshot/v1"u8.ToArray();

    [Fact]
    public void AddEncryption_SampleFlow_SnapshotEncryptedAtRestAndReadOnNextRun()
    {
        using var dataDir = new TempDirectory();
        var path = dataDir.Combine("pnl-snapshot.bin");
        var snapshot = new PnlSnapshot { Account = "agent-1", Symbol = "XYZ", Position = 150, RealizedPnl = 1234.56m };

        using (var run1 = new EncryptionHost(dataDir.Combine("keys"), TestKeys.Clock(), o => o.CreateIfMissing = true))
        {
            var json = run1.Get<IClassifiedJsonSerializer>();
            File.WriteAllBytes(path, run1.Encryptor.Encrypt(json.SerializeToUtf8Bytes(snapshot), SnapshotContext));
        }

        Assert.DoesNotContain("XYZ", File.ReadAllText(path), StringComparison.Ordinal);
        using var run2 = new EncryptionHost(dataDir.Combine("keys"), TestKeys.Clock(), o => o.CreateIfMissing = true);
        var read = run2.Get<IClassifiedJsonSerializer>().Deserialize<PnlSnapshot>(run2.Encryptor.Decrypt(File.ReadAllBytes(path), SnapshotContext));

        Assert.Equal(snapshot, read);
    }

    [Fact]
    public void AddEncryption_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.AddEncryption(o => o.KeyRingDirectory = "k").AddEncryption(o => o.KeyRingDirectory = "k"));

        Assert.Single(services, d => d.ServiceType == typeof(IEnvelopeEncryptor));
        Assert.Single(services, d => d.ServiceType == typeof(ISecretProtector));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EncryptionStartupService));
    }

    [Fact]
    public async Task AddEncryption_MissingRing_StopsHostStartWithTypedError()
    {
        using var dir = new TempDirectory();
        using var host = new EncryptionHost(dir.Path, TestKeys.Clock());
        var startup = host.Services.GetServices<IHostedService>().OfType<EncryptionStartupService>().Single();

        var ex = await Assert.ThrowsAsync<KeyRingException>(() => startup.StartAsync(CancellationToken.None));

        Assert.Equal(KeyRingFailureReason.NotFound, ex.Reason);
    }

    [Fact]
    public void AddEncryption_NullArguments_Throw()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b =>
        {
            Assert.Throws<ArgumentNullException>(() => b.AddEncryption((Action<EncryptionOptions>)null!));
            Assert.Throws<ArgumentNullException>(() => b.AddEncryption((Microsoft.Extensions.Configuration.IConfigurationSection)null!));
        });
    }
}
