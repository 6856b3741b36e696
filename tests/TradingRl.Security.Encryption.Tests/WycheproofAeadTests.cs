using NSec.Cryptography;

namespace TradingRl.Security.Encryption.Tests;

/// <summary>The AEAD primitives the envelope format uses, against every applicable Wycheproof vector.</summary>
public class WycheproofAeadTests
{
    [Theory]
    [InlineData("aes_gcm_test.json", AeadCipher.Aes256Gcm, 96, 39, 27)]
    [InlineData("xchacha20_poly1305_test.json", AeadCipher.XChaCha20Poly1305, 192, 246, 60)]
    public void EnvelopeCipher_WycheproofVectors_ValidDecryptInvalidRefused(string file, AeadCipher cipher, int nonceBits, int expectedValid, int expectedInvalid)
    {
        var algorithm = AeadCore.Algorithm(cipher);
        var (valid, invalid, refusedSizes) = Run(file, algorithm, nonceBits);

        // Counts of the applicable groups (README of the vectors: 39 + 27 for AES-256-GCM with 96-bit nonces).
        Assert.Equal(expectedValid, valid);
        Assert.Equal(expectedInvalid, invalid);
        Assert.True(refusedSizes > 0);
    }

    [Fact]
    public void ChaCha20Poly1305_WycheproofVectors_ValidDecryptInvalidRefused()
    {
        var (valid, invalid, refusedSizes) = Run("chacha20_poly1305_test.json", AeadAlgorithm.ChaCha20Poly1305, 96);

        Assert.Equal(256, valid);
        Assert.Equal(60, invalid);
        Assert.Equal(9, refusedSizes);
    }

    private static (int Valid, int Invalid, int RefusedSizes) Run(string file, AeadAlgorithm algorithm, int nonceBits)
    {
        int valid = 0, invalid = 0, refusedSizes = 0;
        foreach (var (keySize, ivSize, test) in WycheproofVectors.Aead(file))
        {
            var key = test.Hex("key");
            var iv = test.Hex("iv");
            var aad = test.Hex("aad");
            var msg = test.Hex("msg");
            var ct = test.Hex("ct").Concat(test.Hex("tag")).ToArray();
            if (keySize != 256)
            {
                continue;
            }

            using var k = Key.Import(algorithm, key, KeyBlobFormat.RawSymmetricKey);
            if (ivSize != nonceBits)
            {
                // NSec takes one nonce size only: any other size is refused (an exception, or no plaintext).
                var refused = Record.Exception(() => Assert.Null(algorithm.Decrypt(k, iv, aad, ct)));
                Assert.True(refused is null or ArgumentException, $"{file} tcId {test.Id()}: {refused}");
                refusedSizes++;
                continue;
            }

            var output = new byte[Math.Max(0, ct.Length - 16)];
            var ok = ct.Length >= 16 && algorithm.Decrypt(k, iv, aad, ct, output);
            switch (test.Result())
            {
                case "valid":
                    Assert.True(ok, $"{file} tcId {test.Id()} should decrypt");
                    Assert.Equal(msg, output);
                    Assert.Equal(ct, algorithm.Encrypt(k, iv, aad, msg));
                    valid++;
                    break;
                case "invalid":
                    Assert.False(ok, $"{file} tcId {test.Id()} should be refused");
                    Assert.True(msg.Length == 0 || !output.AsSpan().SequenceEqual(msg), $"{file} tcId {test.Id()} released plaintext");
                    invalid++;
                    break;
                default:
                    break;
            }
        }

        return (valid, invalid, refusedSizes);
    }
}
