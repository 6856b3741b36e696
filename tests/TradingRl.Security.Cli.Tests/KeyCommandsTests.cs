using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingRl.Security.Encryption;

namespace TradingRl.Security.Cli.Tests;

public sealed class KeyCommandsTests : CliRunner
{
    private string Ring => Path.Combine(Dir, "keys");

    [Fact]
    public async Task List_Ring_PrintsTheCurrentKeyAndNoKeyMaterial()
    {
        var current = CreateRing();

        var (code, output, _) = await Run(null, "keys", "list", Ring);

        Assert.Equal(0, code);
        Assert.Contains(current + "  ", output, StringComparison.Ordinal);
        Assert.Contains("current", output, StringComparison.Ordinal);
        var master = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(Ring, FileKeyRingStore.MasterKeyFileName)));
        Assert.DoesNotContain(master, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_DataDirectory_NewCurrentKeyPersistedOldKeyStillDecrypts()
    {
        var before = CreateRing();
        var sealedBytes = Encrypt("positions");

        var (code, output, _) = await Run(null, "keys", "rotate", Dir, "--reason", "quarterly");

        Assert.Equal(0, code);
        Assert.Contains($"{before} keeps decrypting", output, StringComparison.Ordinal);
        using var kek = LocalMasterKeyProvider.LoadFile(Path.Combine(Ring, FileKeyRingStore.MasterKeyFileName));
        using var ring = new KeyRing(Options.Create(new EncryptionOptions { KeyRingDirectory = Ring }), new FileKeyRingStore(Ring), kek, TimeProvider.System);
        Assert.NotEqual(before, ring.CurrentKeyId);
        Assert.Equal(2, ring.GetKeys().Count);
        Assert.Equal("positions", Decrypt(sealedBytes));
        var listed = await Run(null, "keys", "list", Ring);
        Assert.Contains(ring.CurrentKeyId + "  ", listed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NoRing_Exit3()
    {
        var (code, _, error) = await Run(null, "keys", "list", Dir);

        Assert.Equal(3, code);
        Assert.Contains("NO KEY RING", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_MissingOrWrongMasterKey_Exit4()
    {
        CreateRing();
        var other = Path.Combine(Dir, "other.key");
        LocalMasterKeyProvider.CreateFile(other).Dispose();

        Assert.Equal(4, (await Run(null, "keys", "list", Ring, "--master-key", other)).Code);
        Assert.Equal(4, (await Run(null, "keys", "list", Ring, "--master-key", Path.Combine(Dir, "absent.key"))).Code);
    }

    [Fact]
    public async Task List_CorruptRing_Exit4AndRingUnchanged()
    {
        CreateRing();
        var path = Path.Combine(Ring, FileKeyRingStore.FileName);
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text[..(text.Length / 2)]);

        var (code, _, error) = await Run(null, "keys", "rotate", Ring);

        Assert.Equal(4, code);
        Assert.Contains("Corrupt", error, StringComparison.Ordinal);
        Assert.Equal(text[..(text.Length / 2)], await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData("keys", "list")]
    [InlineData("keys", "list", "DIR", "--reason", "x")]
    [InlineData("keys", "rotate", "DIR", "--reason")]
    [InlineData("keys", "rotate", "DIR", "--master-key")]
    public async Task Commands_BadArguments_Usage2(params string[] args)
    {
        var (code, _, _) = await Run(null, [.. args.Select(a => a == "DIR" ? Ring : a)]);

        Assert.Equal(2, code);
    }

    private Guid CreateRing()
    {
        Directory.CreateDirectory(Ring);
        using var kek = LocalMasterKeyProvider.CreateFile(Path.Combine(Ring, FileKeyRingStore.MasterKeyFileName));
        using var ring = new KeyRing(Options.Create(new EncryptionOptions { KeyRingDirectory = Ring, CreateIfMissing = true }), new FileKeyRingStore(Ring), kek, TimeProvider.System);
        return ring.CurrentKeyId;
    }

    private byte[] Encrypt(string text)
    {
        using var provider = Services();
        return provider.GetRequiredService<IEnvelopeEncryptor>().Encrypt(System.Text.Encoding.UTF8.GetBytes(text), "cli-test"u8);
    }

    private string Decrypt(byte[] sealedBytes)
    {
        using var provider = Services();
        return System.Text.Encoding.UTF8.GetString(provider.GetRequiredService<IEnvelopeEncryptor>().Decrypt(sealedBytes, "cli-test"u8));
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTradingSecurity(b => b.AddEncryption(o => o.KeyRingDirectory = Ring));
        return services.BuildServiceProvider();
    }
}
