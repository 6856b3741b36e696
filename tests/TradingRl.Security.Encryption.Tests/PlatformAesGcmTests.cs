using System.Collections.Concurrent;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace TradingRl.Security.Encryption.Tests;

/// <summary>Bodies of <see cref="AeadCore.PlatformAesGcmThreshold"/> bytes or more run on the platform's AES-GCM: the same algorithm and format as NSec's.</summary>
public class PlatformAesGcmTests
{
    private static readonly byte[] Material = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Context = "backups/2026-12-04"u8.ToArray();

    public static TheoryData<int> LargeSizes => [AeadCore.PlatformAesGcmThreshold, AeadCore.PlatformAesGcmThreshold + 1, 1024 * 1024];

    [Fact]
    public void PlatformAesGcm_WycheproofVectors_ValidDecryptInvalidRefused()
    {
        Assert.True(System.Security.Cryptography.AesGcm.IsSupported, "The platform has no AES-GCM here; the large-body path would be NSec and this test would not apply.");
        int valid = 0, invalid = 0;
        foreach (var (keySize, ivSize, test) in WycheproofVectors.Aead("aes_gcm_test.json"))
        {
            if (keySize != 256 || ivSize != 96)
            {
                continue;
            }

            var msg = test.Hex("msg");
            var aad = test.Hex("aad");
            var iv = test.Hex("iv");
            var ct = test.Hex("ct").Concat(test.Hex("tag")).ToArray();
            using var aes = new System.Security.Cryptography.AesGcm(test.Hex("key"), 16);
            var output = new byte[Math.Max(0, ct.Length - 16)];
            var ok = ct.Length >= 16 && AeadCore.DecryptPlatform(aes, iv, aad, ct, output);
            if (test.Result() == "valid")
            {
                Assert.True(ok, $"tcId {test.Id()} should decrypt");
                Assert.Equal(msg, output);
                var sealedBody = new byte[msg.Length + 16];
                AeadCore.EncryptPlatform(aes, iv, aad, msg, sealedBody);
                Assert.Equal(ct, sealedBody);
                valid++;
            }
            else if (test.Result() == "invalid")
            {
                Assert.False(ok, $"tcId {test.Id()} should be refused");
                Assert.True(output.All(b => b == 0), $"tcId {test.Id()} released plaintext");
                invalid++;
            }
        }

        // The same applicable groups as through NSec (WycheproofAeadTests): 39 valid and 27 invalid.
        Assert.Equal(39, valid);
        Assert.Equal(27, invalid);
    }

    [Theory]
    [MemberData(nameof(LargeSizes))]
    public void Seal_LargeBody_OpensWithNSecOverTheSameHeaderAndContext(int size)
    {
        using var key = new DataKey(Guid.NewGuid(), DateTimeOffset.UnixEpoch, Material);
        var plaintext = RandomNumberGenerator.GetBytes(size);
        var envelope = new byte[EnvelopeFormat.GetCiphertextLength(AeadCipher.Aes256Gcm, size)];

        AeadCore.Seal(AeadCipher.Aes256Gcm, key, plaintext, Context, envelope);

        var header = EnvelopeFormat.ReadHeader(envelope);
        using var nsecKey = Key.Import(AeadAlgorithm.Aes256Gcm, Material, KeyBlobFormat.RawSymmetricKey);
        var ad = envelope.AsSpan(0, header.HeaderLength).ToArray().Concat(Context).ToArray();
        var opened = AeadAlgorithm.Aes256Gcm.Decrypt(nsecKey, envelope.AsSpan(EnvelopeFormat.NonceOffset, 12), ad, envelope.AsSpan(header.HeaderLength));
        Assert.NotNull(opened);
        Assert.Equal(plaintext, opened);
    }

    [Theory]
    [MemberData(nameof(LargeSizes))]
    public void Open_LargeBodySealedByNSec_Decrypts(int size)
    {
        using var key = new DataKey(Guid.NewGuid(), DateTimeOffset.UnixEpoch, Material);
        var plaintext = RandomNumberGenerator.GetBytes(size);

        // A small message sealed by the envelope gives a valid header; the large body is then sealed by NSec under it.
        var small = new byte[EnvelopeFormat.GetCiphertextLength(AeadCipher.Aes256Gcm, 0)];
        AeadCore.Seal(AeadCipher.Aes256Gcm, key, [], Context, small);
        var headerLength = EnvelopeFormat.ReadHeader(small).HeaderLength;
        var envelope = new byte[EnvelopeFormat.GetCiphertextLength(AeadCipher.Aes256Gcm, size)];
        small.AsSpan(0, headerLength).CopyTo(envelope);
        using var nsecKey = Key.Import(AeadAlgorithm.Aes256Gcm, Material, KeyBlobFormat.RawSymmetricKey);
        var ad = small.AsSpan(0, headerLength).ToArray().Concat(Context).ToArray();
        AeadAlgorithm.Aes256Gcm.Encrypt(nsecKey, small.AsSpan(EnvelopeFormat.NonceOffset, 12), ad, plaintext, envelope.AsSpan(headerLength));

        var output = new byte[size];
        Assert.Equal(size, AeadCore.Open(EnvelopeFormat.ReadHeader(envelope), key, envelope, Context, output));
        Assert.Equal(plaintext, output);
    }

    [Fact]
    public void Open_LargeBodyTamperedAnywhere_RefusedAndNothingReleased()
    {
        using var key = new DataKey(Guid.NewGuid(), DateTimeOffset.UnixEpoch, Material);
        var size = AeadCore.PlatformAesGcmThreshold * 2;
        var plaintext = RandomNumberGenerator.GetBytes(size);
        var envelope = new byte[EnvelopeFormat.GetCiphertextLength(AeadCipher.Aes256Gcm, size)];
        AeadCore.Seal(AeadCipher.Aes256Gcm, key, plaintext, Context, envelope);
        var header = EnvelopeFormat.ReadHeader(envelope);

        // The nonce, the first and last body bytes, and the first and last tag bytes (header fields are checked by ReadHeader).
        int[] positions = [EnvelopeFormat.NonceOffset, header.HeaderLength, header.HeaderLength + size - 1, envelope.Length - 16, envelope.Length - 1];
        foreach (var position in positions)
        {
            var tampered = (byte[])envelope.Clone();
            tampered[position] ^= 0x01;
            var output = new byte[size];
            Assert.Equal(-1, AeadCore.Open(EnvelopeFormat.ReadHeader(tampered), key, tampered, Context, output));
            Assert.True(output.All(b => b == 0), $"a change at {position} released plaintext");
        }

        var wrongContext = new byte[size];
        Assert.Equal(-1, AeadCore.Open(header, key, envelope, "backups/other"u8, wrongContext));
        Assert.True(wrongContext.All(b => b == 0));
    }

    [Fact]
    public void Seal_LargeBodyWithErasedKey_ThrowsAndWritesNoCiphertext()
    {
        var key = new DataKey(Guid.NewGuid(), DateTimeOffset.UnixEpoch, Material);
        key.Dispose();
        var envelope = new byte[EnvelopeFormat.GetCiphertextLength(AeadCipher.Aes256Gcm, AeadCore.PlatformAesGcmThreshold)];

        Assert.Throws<ObjectDisposedException>(() => AeadCore.Seal(AeadCipher.Aes256Gcm, key, new byte[AeadCore.PlatformAesGcmThreshold], Context, envelope));
        Assert.True(envelope.AsSpan(EnvelopeFormat.GetHeaderLength(AeadCipher.Aes256Gcm)).IndexOfAnyExcept((byte)0) < 0);
    }
}

/// <summary>Large bodies from many threads while the ring rotates: the rented platform instances are never shared between threads.</summary>
public class PlatformAesGcmConcurrencyTests
{
    [Fact]
    public async Task Encrypt_LargeBodiesOnManyThreadsWhileRotating_AllDecryptWithTheirOwnPlaintext()
    {
        using var ring = TestKeys.Ring(configure: o => o.MaxMessagesPerKey = 400);
        var encryptor = TestKeys.Encryptor(ring);
        var context = "large/concurrent"u8.ToArray();
        var results = new ConcurrentBag<(byte[] Plain, byte[] Cipher)>();
        var rotator = Task.Run(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                ring.Rotate();
                Thread.Sleep(2);
            }
        });
        Parallel.For(0, 8, t =>
        {
            for (var i = 0; i < 60; i++)
            {
                var plain = new byte[AeadCore.PlatformAesGcmThreshold + (t * 97) + i];
                System.Security.Cryptography.RandomNumberGenerator.Fill(plain);
                var cipher = new byte[encryptor.GetCiphertextLength(plain.Length)];
                encryptor.Encrypt(plain, context, cipher);
                results.Add((plain, cipher));

                // Decrypt on the same thread too, so encrypts and decrypts of many threads interleave on the same keys.
                var back = new byte[plain.Length];
                Assert.Equal(plain.Length, encryptor.Decrypt(cipher, context, back));
                Assert.Equal(plain, back);
            }
        });
        await rotator;

        var all = results.ToArray();
        Assert.Equal(480, all.Length);
        Assert.Equal(all.Length, all.Select(r => Convert.ToHexString(r.Cipher.AsSpan(18, 12))).Distinct().Count());
        Assert.All(all, r => Assert.Equal(r.Plain, encryptor.Decrypt(r.Cipher, context)));
        Assert.True(all.Select(r => EnvelopeFormat.ReadHeader(r.Cipher).KeyId).Distinct().Count() > 1);
    }
}
