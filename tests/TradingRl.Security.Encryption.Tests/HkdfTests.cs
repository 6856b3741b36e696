namespace TradingRl.Security.Encryption.Tests;

public class HkdfTests
{
    [Fact]
    public void DeriveKey_WycheproofVectors_ValidMatchInvalidRefused()
    {
        int valid = 0, invalid = 0;
        foreach (var test in WycheproofVectors.Tests("hkdf_sha256_test.json"))
        {
            var size = test.GetProperty("size").GetInt32();
            var output = new byte[size];
            if (test.Result() == "valid")
            {
                Hkdf.DeriveKey(test.Hex("ikm"), test.Hex("salt"), test.Hex("info"), output);
                Assert.Equal(test.Hex("okm"), output);
                valid++;
            }
            else
            {
                Assert.Throws<ArgumentException>(() => Hkdf.DeriveKey(test.Hex("ikm"), test.Hex("salt"), test.Hex("info"), output));
                invalid++;
            }
        }

        Assert.Equal(83, valid);
        Assert.Equal(3, invalid);
    }

    [Fact]
    public void DeriveKey_Rfc5869Case1_MatchesPublishedOutput()
    {
        var output = new byte[42];
        Hkdf.DeriveKey(Convert.FromHexString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), Convert.FromHexString("000102030405060708090a0b0c"), Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9"), output);
        Assert.Equal("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", Convert.ToHexStringLower(output));
    }

    [Fact]
    public void DeriveKey_EmptyOutput_Throws()
    {
        Assert.Throws<ArgumentException>(() => Hkdf.DeriveKey([1, 2, 3], [], [], Span<byte>.Empty));
    }
}
