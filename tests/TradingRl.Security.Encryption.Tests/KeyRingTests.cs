using System.Text;
using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Encryption.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class KeyRingTests
{
    private static readonly byte[] Context = "pnl/2026-01-05"u8.ToArray();

    [Fact]
    public void Constructor_NoRingAndCreateIfMissingOff_ThrowsNotFound()
    {
        using var dir = new TempDirectory();
        using var host = new EncryptionHost(dir.Path, TestKeys.Clock());

        var ex = Assert.Throws<KeyRingException>(() => host.Ring);

        Assert.Equal(KeyRingFailureReason.NotFound, ex.Reason);
        Assert.Contains("CreateIfMissing", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Constructor_NoRingWithConfiguredMasterKey_ThrowsNotFoundNamingTheFix()
    {
        using var dir = new TempDirectory();
        using var host = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.MasterKey = Convert.ToBase64String(TestKeys.MasterKey()));

        var ex = Assert.Throws<KeyRingException>(() => host.Ring);

        Assert.Equal(KeyRingFailureReason.NotFound, ex.Reason);
        Assert.Contains("CreateIfMissing", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine(FileKeyRingStore.FileName)));
    }

    [Fact]
    public async Task Constructor_FirstRun_CreatesRingAndOwnerOnlyMasterKey()
    {
        using var dir = new TempDirectory();
        using var host = new EncryptionHost(dir.Combine("keys"), TestKeys.Clock(), o => o.CreateIfMissing = true);

        var ring = host.Ring;

        Assert.Single(ring.GetKeys());
        var created = Assert.Single(await host.EventsOfAsync(SecurityEventTypes.KeyRotated.Type)); // the first key, for the key-rotation metric
        Assert.Equal("created", created.GetProperty("action"));
        Assert.Equal(ring.CurrentKeyId.ToString("N"), created.GetProperty("key_id"));
        Assert.True(File.Exists(dir.Combine("keys", FileKeyRingStore.FileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.Combine("keys", FileKeyRingStore.MasterKeyFileName)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.Combine("keys", FileKeyRingStore.FileName)));
        }
    }

    [Fact]
    public void Constructor_RingDeletedButMasterKeyLeft_RefusesToCreateNewRing()
    {
        using var dir = new TempDirectory();
        using (var first = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.CreateIfMissing = true))
        {
            _ = first.Ring;
        }

        File.Delete(dir.Combine(FileKeyRingStore.FileName));
        using var second = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.CreateIfMissing = true);

        var ex = Assert.Throws<KeyRingException>(() => second.Ring);
        Assert.Equal(KeyRingFailureReason.NotFound, ex.Reason);
        Assert.Contains("restore", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(dir.Combine(FileKeyRingStore.FileName)));
    }

    [Fact]
    public void Constructor_MasterKeyDeleted_ThrowsMasterKeyUnusable()
    {
        using var dir = new TempDirectory();
        using (var first = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.CreateIfMissing = true))
        {
            _ = first.Ring;
        }

        File.Delete(dir.Combine(FileKeyRingStore.MasterKeyFileName));
        using var second = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.CreateIfMissing = true);

        var ex = Assert.Throws<KeyRingException>(() => second.Ring);
        Assert.Equal(KeyRingFailureReason.MasterKeyUnusable, ex.Reason);
        Assert.False(File.Exists(dir.Combine(FileKeyRingStore.MasterKeyFileName)));
    }

    [Fact]
    public void LoadFile_MasterKeyReadableByOthers_RefusedNamingTheFix()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("master.key");
        LocalMasterKeyProvider.CreateFile(path).Dispose();
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var ex = Assert.Throws<KeyRingException>(() => LocalMasterKeyProvider.LoadFile(path));

        Assert.Equal(KeyRingFailureReason.MasterKeyUnusable, ex.Reason);
        Assert.Contains("chmod 600", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39)]
    [InlineData(41)]
    public void LoadFile_WrongLength_RefusedAsUnusable(int length)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("master.key");
        File.WriteAllBytes(path, new byte[length]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ex = Assert.Throws<KeyRingException>(() => LocalMasterKeyProvider.LoadFile(path));

        Assert.Equal(KeyRingFailureReason.MasterKeyUnusable, ex.Reason);
    }

    [Fact]
    public void CreateFile_Exists_RefusedAndKeptIntact()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("master.key");
        LocalMasterKeyProvider.CreateFile(path).Dispose();
        var before = File.ReadAllBytes(path);

        Assert.Throws<KeyRingException>(() => LocalMasterKeyProvider.CreateFile(path));

        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Constructor_EveryCorruptedByteOfRing_ThrowsCorruptNeverNewRing()
    {
        var store = new InMemoryKeyRingStore();
        using (TestKeys.Ring(store))
        {
        }

        var original = store.Read()!;
        var step = Math.Max(1, original.Length / 300);
        for (var i = 0; i < original.Length; i += step)
        {
            var corrupt = (byte[])original.Clone();
            corrupt[i] ^= 0x01;
            store.Write(corrupt);
            var ex = Assert.Throws<KeyRingException>(() => TestKeys.Ring(store, configure: o => o.CreateIfMissing = true));
            Assert.Contains(ex.Reason, new[] { KeyRingFailureReason.Corrupt, KeyRingFailureReason.KeyEncryptionKeyMismatch });
            Assert.Equal(corrupt, store.Read());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"format\":2}")]
    public void Constructor_MalformedRing_ThrowsCorrupt(string content)
    {
        var store = new InMemoryKeyRingStore();
        store.Write(Encoding.UTF8.GetBytes(content));

        var ex = Assert.Throws<KeyRingException>(() => TestKeys.Ring(store));

        Assert.Equal(KeyRingFailureReason.Corrupt, ex.Reason);
    }

    [Fact]
    public void Constructor_OtherMasterKey_ThrowsKeyEncryptionKeyMismatch()
    {
        var store = new InMemoryKeyRingStore();
        using (TestKeys.Ring(store))
        {
        }

        var ex = Assert.Throws<KeyRingException>(() => TestKeys.Ring(store, kek: new LocalMasterKeyProvider(TestKeys.MasterKey(0x11))));

        Assert.Equal(KeyRingFailureReason.KeyEncryptionKeyMismatch, ex.Reason);
        Assert.DoesNotContain(Convert.ToBase64String(TestKeys.MasterKey(0x11)), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_AcrossRestart_DataUnderKey1ReadsAfterRotatingToKey3()
    {
        using var dir = new TempDirectory();
        var clock = TestKeys.Clock();
        byte[] ciphertext;
        Guid key1;
        using (var host = new EncryptionHost(dir.Path, clock, o => o.CreateIfMissing = true))
        {
            key1 = host.Ring.CurrentKeyId;
            ciphertext = host.Encryptor.Encrypt("pnl=1234.56"u8, Context);
            host.Ring.Rotate();
            clock.Advance(TimeSpan.FromDays(1));
            host.Ring.Rotate();
            Assert.Equal(3, host.Ring.GetKeys().Count);
        }

        using var restarted = new EncryptionHost(dir.Path, clock);

        Assert.Equal(3, restarted.Ring.GetKeys().Count);
        Assert.NotEqual(key1, restarted.Ring.CurrentKeyId);
        Assert.Equal(DataKeyStatus.Retired, restarted.Ring.GetKeys().Single(k => k.Id == key1).Status);
        Assert.Equal("pnl=1234.56"u8.ToArray(), restarted.Encryptor.Decrypt(ciphertext, Context));
    }

    [Fact]
    public async Task Rotate_IntervalElapses_RotatesOnScheduleAndPublishes()
    {
        using var dir = new TempDirectory();
        var clock = TestKeys.Clock();
        using var host = new EncryptionHost(dir.Path, clock, o => o.CreateIfMissing = true);
        var first = host.Ring.CurrentKeyId;

        clock.Advance(TimeSpan.FromDays(89));
        Assert.Equal(first, host.Ring.CurrentKeyId);
        clock.Advance(TimeSpan.FromDays(1));

        Assert.NotEqual(first, host.Ring.CurrentKeyId);
        var events = await host.EventsOfAsync(SecurityEventTypes.KeyRotated.Type, atLeast: 2); // the ring's creation, then the rotation
        Assert.Equal(["created", "rotated"], events.Select(e => e.GetProperty("action")));
        Assert.Equal(first.ToString("N"), events[1].GetProperty("previous_key_id"));
    }

    [Fact]
    public void Constructor_CurrentKeyOlderThanInterval_RotatesAtLoad()
    {
        var store = new InMemoryKeyRingStore();
        var clock = TestKeys.Clock();
        Guid first;
        using (var ring = TestKeys.Ring(store, clock))
        {
            first = ring.CurrentKeyId;
            ring.Dispose();
        }

        clock.Advance(TimeSpan.FromDays(100));
        using var reloaded = TestKeys.Ring(store, clock);

        Assert.NotEqual(first, reloaded.CurrentKeyId);
        Assert.Equal(2, reloaded.GetKeys().Count);
    }

    [Fact]
    public void Revoke_AcrossRestart_StaysRevoked()
    {
        var store = new InMemoryKeyRingStore();
        byte[] ciphertext;
        using (var ring = TestKeys.Ring(store))
        {
            ciphertext = TestKeys.Encryptor(ring).Encrypt("x"u8, Context);
            ring.Revoke(ring.CurrentKeyId);
        }

        using var reloaded = TestKeys.Ring(store);

        var ex = Assert.Throws<DecryptionFailedException>(() => TestKeys.Encryptor(reloaded).Decrypt(ciphertext, Context));
        Assert.Equal(DecryptionFailureReason.RevokedKey, ex.Reason);
    }

    [Fact]
    public void Revoke_UnknownKey_ThrowsInvalidOperation()
    {
        using var ring = TestKeys.Ring();

        var ex = Assert.Throws<KeyRingException>(() => ring.Revoke(Guid.NewGuid()));

        Assert.Equal(KeyRingFailureReason.InvalidOperation, ex.Reason);
    }

    [Fact]
    public void Rewrap_NewMasterKey_OldOneRefusedNewOneReadsAllData()
    {
        var store = new InMemoryKeyRingStore();
        var newKek = new LocalMasterKeyProvider(TestKeys.MasterKey(0x77));
        byte[] ciphertext;
        using (var ring = TestKeys.Ring(store))
        {
            ciphertext = TestKeys.Encryptor(ring).Encrypt("position=10"u8, Context);
            ring.Rotate();
            ring.Rewrap(newKek);
            Assert.Equal(newKek.KeyId, ring.KeyEncryptionKeyId);
        }

        Assert.Throws<KeyRingException>(() => TestKeys.Ring(store));
        using var reloaded = TestKeys.Ring(store, kek: newKek);
        Assert.Equal("position=10"u8.ToArray(), TestKeys.Encryptor(reloaded).Decrypt(ciphertext, Context));
    }

    [Fact]
    public void Persist_UsageReservation_SurvivesRestartSoCountNeverResets()
    {
        var store = new InMemoryKeyRingStore();
        using (var ring = TestKeys.Ring(store, configure: o => o.MaxMessagesPerKey = 10))
        {
            var encryptor = TestKeys.Encryptor(ring);
            for (var i = 0; i < 7; i++)
            {
                encryptor.Encrypt("x"u8, []);
            }
        }

        using var reloaded = TestKeys.Ring(store, configure: o => o.MaxMessagesPerKey = 10);
        var first = reloaded.CurrentKeyId;
        var ids = Enumerable.Range(0, 4).Select(_ => EnvelopeFormat.ReadHeader(TestKeys.Encryptor(reloaded).Encrypt("x"u8, [])).KeyId).ToList();

        Assert.True(reloaded.GetKeys().Single(k => k.Id == first).MessagesReserved <= 10);
        Assert.Contains(ids, id => id != first);
    }

    [Fact]
    public void FileStore_Write_LeavesNoTempFileAndReplacesAtomically()
    {
        using var dir = new TempDirectory();
        var store = new FileKeyRingStore(dir.Path);

        store.Write("one"u8);
        store.Write("two"u8);

        Assert.Equal("two"u8.ToArray(), store.Read());
        Assert.Equal([FileKeyRingStore.FileName], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Options_InsecureSettings_RefusedAtStartNamingTheSetting()
    {
        var validator = new EncryptionOptionsValidator();
        var security = new EncryptionOptionsSecurityValidator();

        var tooMany = validator.Validate(null, new EncryptionOptions { KeyRingDirectory = "k", MaxMessagesPerKey = (1L << 32) + 1 });
        var tooLong = validator.Validate(null, new EncryptionOptions { KeyRingDirectory = "k", KeyRotationInterval = TimeSpan.FromDays(400) });
        var shortKey = security.Validate(null, new EncryptionOptions { MasterKey = Convert.ToBase64String(new byte[16]) });
        var zeroKey = security.Validate(null, new EncryptionOptions { MasterKey = Convert.ToBase64String(new byte[32]) });

        Assert.True(tooMany.Failed);
        Assert.Contains("MaxMessagesPerKey", tooMany.FailureMessage, StringComparison.Ordinal);
        Assert.True(tooLong.Failed);
        Assert.Contains("KeyRotationInterval", tooLong.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Encryption:MasterKey", shortKey.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("all zero", zeroKey.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ThroughHost_ValidatedOnStart()
    {
        using var dir = new TempDirectory();
        using var host = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.StreamSegmentSize = 10);

        var ex = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<EncryptionOptions>>().Value);

        Assert.Contains("StreamSegmentSize", ex.Message, StringComparison.Ordinal);
    }
}
