using System.Collections.Concurrent;
using System.Text;

namespace TradingRl.Security.Encryption.Tests;

public class EnvelopeEncryptorTests
{
    private static readonly byte[] Context = "orders/42"u8.ToArray();
    private static readonly byte[] Message = "buy 100 XYZ @ 12.34"u8.ToArray();

    [Theory]
    [InlineData(AeadCipherPreference.Aes256Gcm, 46)]
    [InlineData(AeadCipherPreference.XChaCha20Poly1305, 58)]
    public void Encrypt_ThenDecrypt_RoundTripsWithDocumentedOverhead(AeadCipherPreference preference, int overhead)
    {
        using var ring = TestKeys.Ring(configure: o => o.Cipher = preference);
        var encryptor = TestKeys.Encryptor(ring);

        var ciphertext = encryptor.Encrypt(Message, Context);

        Assert.Equal(Message.Length + overhead, ciphertext.Length);
        Assert.Equal(1, ciphertext[0]);
        Assert.Equal((byte)preference, ciphertext[1]);
        Assert.Equal(ring.CurrentKeyId, EnvelopeFormat.ReadHeader(ciphertext).KeyId);
        Assert.Equal(Message, encryptor.Decrypt(ciphertext, Context));
    }

    [Fact]
    public void Encrypt_EmptyPlaintextAndContext_RoundTrips()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);

        var ciphertext = encryptor.Encrypt([], []);

        Assert.Equal(46, ciphertext.Length);
        Assert.Empty(encryptor.Decrypt(ciphertext, []));
    }

    [Fact]
    public void Encrypt_LargeContext_RoundTripsAndBindsIt()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var context = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        var ciphertext = encryptor.Encrypt(Message, context);
        context[4999] ^= 1;

        Assert.Throws<DecryptionFailedException>(() => encryptor.Decrypt(ciphertext, context));
    }

    [Fact]
    public void Decrypt_EverySingleByteChange_RefusedWithTypedErrorAndNoPlaintext()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var ciphertext = encryptor.Encrypt(Message, Context);
        var reasons = new Dictionary<int, DecryptionFailureReason>();

        for (var i = 0; i < ciphertext.Length; i++)
        {
            foreach (var delta in new byte[] { 0x01, 0x80, 0xFF })
            {
                var tampered = (byte[])ciphertext.Clone();
                tampered[i] ^= delta;
                var destination = new byte[Message.Length];
                var ex = Assert.Throws<DecryptionFailedException>(() => encryptor.Decrypt(tampered, Context, destination));
                Assert.All(destination, b => Assert.Equal(0, b));
                Assert.DoesNotContain("buy", ex.Message, StringComparison.Ordinal);
                reasons[i] = ex.Reason;
            }
        }

        Assert.Equal(DecryptionFailureReason.UnsupportedVersion, reasons[0]);
        Assert.Contains(reasons[1], new[] { DecryptionFailureReason.UnsupportedAlgorithm, DecryptionFailureReason.AuthenticationFailed, DecryptionFailureReason.Malformed });
        Assert.All(Enumerable.Range(2, 16), i => Assert.Equal(DecryptionFailureReason.UnknownKey, reasons[i]));
        Assert.All(Enumerable.Range(18, ciphertext.Length - 18), i => Assert.Equal(DecryptionFailureReason.AuthenticationFailed, reasons[i]));
    }

    [Fact]
    public void Decrypt_WrongContext_RefusedAsAuthenticationFailure()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var ciphertext = encryptor.Encrypt(Message, Context);

        var ex = Assert.Throws<DecryptionFailedException>(() => encryptor.Decrypt(ciphertext, "orders/43"u8));
        Assert.Equal(DecryptionFailureReason.AuthenticationFailed, ex.Reason);
        Assert.Throws<DecryptionFailedException>(() => encryptor.Decrypt(ciphertext, []));
    }

    [Fact]
    public void Decrypt_KeyOfAnotherRing_RefusedAsUnknownKey()
    {
        using var ring = TestKeys.Ring();
        using var other = TestKeys.Ring();
        var ciphertext = TestKeys.Encryptor(other).Encrypt(Message, Context);

        var ex = Assert.Throws<DecryptionFailedException>(() => TestKeys.Encryptor(ring).Decrypt(ciphertext, Context));

        Assert.Equal(DecryptionFailureReason.UnknownKey, ex.Reason);
        Assert.Equal(other.CurrentKeyId, ex.KeyId);
    }

    [Fact]
    public void Decrypt_RevokedKey_RefusedAsRevoked()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var ciphertext = encryptor.Encrypt(Message, Context);
        var first = ring.CurrentKeyId;

        ring.Revoke(first);

        Assert.NotEqual(first, ring.CurrentKeyId);
        var ex = Assert.Throws<DecryptionFailedException>(() => encryptor.Decrypt(ciphertext, Context));
        Assert.Equal(DecryptionFailureReason.RevokedKey, ex.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(45)]
    public void Decrypt_Truncated_RefusedAsMalformed(int length)
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var ciphertext = encryptor.Encrypt([], Context);

        var ex = Assert.Throws<DecryptionFailedException>(() => encryptor.Decrypt(ciphertext.AsSpan(0, length), Context));

        Assert.Equal(DecryptionFailureReason.Malformed, ex.Reason);
    }

    [Fact]
    public void Decrypt_TruncatedBody_RefusedAsAuthenticationFailure()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var ciphertext = encryptor.Encrypt(Message, Context);

        var ex = Assert.Throws<DecryptionFailedException>(() => encryptor.Decrypt(ciphertext.AsSpan(0, ciphertext.Length - 1), Context));

        Assert.Equal(DecryptionFailureReason.AuthenticationFailed, ex.Reason);
    }

    [Fact]
    public void Decrypt_UnknownVersion_RefusedAsUnsupportedVersion()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var ciphertext = encryptor.Encrypt(Message, Context);
        ciphertext[0] = 2;

        var ex = Assert.Throws<DecryptionFailedException>(() => encryptor.Decrypt(ciphertext, Context));

        Assert.Equal(DecryptionFailureReason.UnsupportedVersion, ex.Reason);
        Assert.Contains("version 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_DestinationTooSmall_ThrowsArgumentException()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);

        Assert.Throws<ArgumentException>(() => encryptor.Encrypt(Message, Context, new byte[Message.Length + 45]));
        var ciphertext = encryptor.Encrypt(Message, Context);
        Assert.Throws<ArgumentException>(() => encryptor.Decrypt(ciphertext, Context, new byte[Message.Length - 1]));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(AeadCore.PlatformAesGcmThreshold)]
    public void SpanApis_AfterWarmUp_AllocateNothing(int size)
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var plaintext = new byte[size];
        var ciphertext = new byte[encryptor.GetCiphertextLength(plaintext.Length)];
        var roundTrip = new byte[plaintext.Length];
        encryptor.Encrypt(plaintext, Context, ciphertext);
        encryptor.Decrypt(ciphertext, Context, roundTrip);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            encryptor.Encrypt(plaintext, Context, ciphertext);
            encryptor.Decrypt(ciphertext, Context, roundTrip);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Encrypt_UsageBoundReached_RotatesBeforeExceedingIt()
    {
        using var ring = TestKeys.Ring(configure: o => o.MaxMessagesPerKey = 10);
        var encryptor = TestKeys.Encryptor(ring);
        var first = ring.CurrentKeyId;

        var keyIds = Enumerable.Range(0, 25).Select(_ => EnvelopeFormat.ReadHeader(encryptor.Encrypt(Message, Context)).KeyId).ToList();

        Assert.All(keyIds.Take(10), id => Assert.Equal(first, id));
        Assert.All(keyIds.GroupBy(id => id), g => Assert.True(g.Count() <= 10));
        Assert.Equal(3, keyIds.Distinct().Count());
        Assert.Equal(3, ring.GetKeys().Count);
    }

    [Fact]
    public async Task Encrypt_ManyThreadsWhileRotating_NoNonceReusedAndAllDecrypt()
    {
        using var ring = TestKeys.Ring(configure: o => o.MaxMessagesPerKey = 5000);
        var encryptor = TestKeys.Encryptor(ring);
        var results = new ConcurrentBag<byte[]>();

        var rotator = Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                ring.Rotate();
                Thread.Sleep(1);
            }
        });
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 2000; i++)
            {
                results.Add(encryptor.Encrypt(Message, Context));
            }
        });
        await rotator;

        var all = results.ToArray();
        Assert.Equal(16000, all.Length);
        var nonces = all.Select(c => Convert.ToHexString(c.AsSpan(18, 12))).ToHashSet();
        Assert.Equal(all.Length, nonces.Count);
        Assert.All(all, c => Assert.Equal(Message, encryptor.Decrypt(c, Context)));
        Assert.True(all.Select(c => EnvelopeFormat.ReadHeader(c).KeyId).Distinct().Count() > 1);
    }

    [Fact]
    public void ReEncrypt_DataUnderOldKey_MovesToCurrentKeyWithSameContext()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var old = encryptor.Encrypt(Message, Context);
        var oldKey = ring.CurrentKeyId;
        ring.Rotate();

        var renewed = encryptor.ReEncrypt(old, Context);

        Assert.Equal(ring.CurrentKeyId, EnvelopeFormat.ReadHeader(renewed).KeyId);
        ring.Revoke(oldKey);
        Assert.Equal(Message, encryptor.Decrypt(renewed, Context));
        Assert.Throws<DecryptionFailedException>(() => encryptor.ReEncrypt(old, Context));
    }

    [Fact]
    public void ReEncrypt_WrongContext_RefusedWithoutOutput()
    {
        using var ring = TestKeys.Ring();
        var encryptor = TestKeys.Encryptor(ring);
        var old = encryptor.Encrypt(Message, Context);

        Assert.Throws<DecryptionFailedException>(() => encryptor.ReEncrypt(old, Encoding.UTF8.GetBytes("other")));
    }
}
