using TradingRl.Security.Events;

namespace TradingRl.Security.Encryption.Tests;

public class SubjectEncryptorTests
{
    private static readonly byte[] Context = "user-profile"u8.ToArray();

    [Fact]
    public async Task EraseSubject_AfterErasure_NothingOfThatSubjectDecryptsOthersDo()
    {
        using var dir = new TempDirectory();
        var clock = TestKeys.Clock();
        using var host = new EncryptionHost(dir.Path, clock, o => o.CreateIfMissing = true);
        var subjects = host.Get<ISubjectEncryptor>();
        var alice1 = subjects.Encrypt("alice@example.com", "alice's address"u8, Context);
        var alice2 = subjects.Encrypt("alice@example.com", "alice's phone"u8, Context);
        var bob = subjects.Encrypt("bob@example.com", "bob's address"u8, Context);

        var evidence = subjects.EraseSubject("alice@example.com");

        Assert.NotNull(evidence);
        Assert.Equal(EnvelopeFormat.ReadHeader(alice1).KeyId, evidence.KeyId);
        Assert.Equal(TestKeys.Start, evidence.ErasedAt);
        Assert.Equal(64, evidence.KeyCommitment.Length);
        foreach (var c in new[] { alice1, alice2 })
        {
            var ex = Assert.Throws<DecryptionFailedException>(() => subjects.Decrypt("alice@example.com", c, Context));
            Assert.Equal(DecryptionFailureReason.SubjectErased, ex.Reason);
        }

        Assert.Equal("bob's address"u8.ToArray(), subjects.Decrypt("bob@example.com", bob, Context));
        Assert.False(File.Exists(Path.Combine(dir.Path, "subjects", evidence.SubjectHash + ".key")));

        var erased = await host.EventsOfAsync(SecurityEventTypes.SubjectErased.Type);
        var e = Assert.Single(erased);
        Assert.Equal(evidence.KeyId.ToString("N"), e.GetProperty("key_id"));
        Assert.Equal(evidence.KeyCommitment, e.GetProperty("key_commitment"));
        Assert.Equal(evidence.EvidenceDigest, e.GetProperty("evidence_digest"));
        Assert.DoesNotContain(e.Properties.Values, v => v.Contains("alice", StringComparison.Ordinal));
    }

    [Fact]
    public void EraseSubject_AcrossRestart_StaysUnreadableAndOthersSurvive()
    {
        using var dir = new TempDirectory();
        var clock = TestKeys.Clock();
        byte[] alice, bob;
        using (var host = new EncryptionHost(dir.Path, clock, o => o.CreateIfMissing = true))
        {
            var subjects = host.Get<ISubjectEncryptor>();
            alice = subjects.Encrypt("alice", "a"u8, Context);
            bob = subjects.Encrypt("bob", "b"u8, Context);
            subjects.EraseSubject("alice");
        }

        using var restarted = new EncryptionHost(dir.Path, clock);
        var again = restarted.Get<ISubjectEncryptor>();

        Assert.Equal(DecryptionFailureReason.SubjectErased, Assert.Throws<DecryptionFailedException>(() => again.Decrypt("alice", alice, Context)).Reason);
        Assert.Equal("b"u8.ToArray(), again.Decrypt("bob", bob, Context));
        var fresh = again.Encrypt("alice", "new"u8, Context);
        Assert.NotEqual(EnvelopeFormat.ReadHeader(alice).KeyId, EnvelopeFormat.ReadHeader(fresh).KeyId);
        Assert.Equal(DecryptionFailureReason.SubjectErased, Assert.Throws<DecryptionFailedException>(() => again.Decrypt("alice", alice, Context)).Reason);
    }

    [Fact]
    public void Decrypt_OtherSubjectsData_RefusedAsUnknownKey()
    {
        using var ring = TestKeys.Ring();
        using var subjects = new SubjectEncryptor(TestKeys.Encryptor(ring), new InMemorySubjectKeyStore(), TestKeys.Clock());
        var bob = subjects.Encrypt("bob", "b"u8, Context);
        _ = subjects.Encrypt("alice", "a"u8, Context);

        var ex = Assert.Throws<DecryptionFailedException>(() => subjects.Decrypt("alice", bob, Context));

        Assert.Equal(DecryptionFailureReason.UnknownKey, ex.Reason);
    }

    [Fact]
    public void Decrypt_TamperedOrWrongContext_Refused()
    {
        using var ring = TestKeys.Ring();
        using var subjects = new SubjectEncryptor(TestKeys.Encryptor(ring), new InMemorySubjectKeyStore(), TestKeys.Clock());
        var data = subjects.Encrypt("bob", "b"u8, Context);

        Assert.Throws<DecryptionFailedException>(() => subjects.Decrypt("bob", data, "other"u8));
        data[^1] ^= 1;
        Assert.Equal(DecryptionFailureReason.AuthenticationFailed, Assert.Throws<DecryptionFailedException>(() => subjects.Decrypt("bob", data, Context)).Reason);
    }

    [Fact]
    public void EraseSubject_UnknownSubject_ReturnsNull()
    {
        using var ring = TestKeys.Ring();
        using var subjects = new SubjectEncryptor(TestKeys.Encryptor(ring), new InMemorySubjectKeyStore(), TestKeys.Clock());

        Assert.Null(subjects.EraseSubject("nobody"));
    }

    [Fact]
    public void Encrypt_BadSubjectId_ThrowsArgumentException()
    {
        using var ring = TestKeys.Ring();
        using var subjects = new SubjectEncryptor(TestKeys.Encryptor(ring), new InMemorySubjectKeyStore(), TestKeys.Clock());

        Assert.ThrowsAny<ArgumentException>(() => subjects.Encrypt("", "x"u8, Context));
        Assert.ThrowsAny<ArgumentException>(() => subjects.Encrypt(new string('s', 1025), "x"u8, Context));
    }

    [Fact]
    public async Task Encrypt_ConcurrentFirstUse_OneKeyPerSubject()
    {
        using var ring = TestKeys.Ring();
        var store = new InMemorySubjectKeyStore();
        using var subjects = new SubjectEncryptor(TestKeys.Encryptor(ring), store, TestKeys.Clock());

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => subjects.Encrypt("carol", "c"u8, Context))));

        Assert.Single(results.Select(r => EnvelopeFormat.ReadHeader(r).KeyId).Distinct());
        Assert.All(results, r => Assert.Equal("c"u8.ToArray(), subjects.Decrypt("carol", r, Context)));
    }
}
