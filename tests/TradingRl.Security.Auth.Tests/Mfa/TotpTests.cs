using System.Text;
using System.Text.Json;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Auth.Tests.Mfa;

public sealed class TotpTests
{
    [Fact]
    public void ComputeTotp_Rfc6238Vectors_Match()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("vectors/rfc/totp_rfc6238.json")));
        var seeds = doc.RootElement.GetProperty("seedsAscii");
        var n = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("algorithm").GetString()!;
            var alg = name switch { "SHA1" => TotpAlgorithm.Sha1, "SHA256" => TotpAlgorithm.Sha256, _ => TotpAlgorithm.Sha512 };
            var secret = Encoding.ASCII.GetBytes(seeds.GetProperty(name).GetString()!);
            var time = DateTimeOffset.FromUnixTimeSeconds(c.GetProperty("unixTime").GetInt64());
            var expected = c.GetProperty("totp").GetString()!;
            Assert.Equal(Convert.ToInt64(c.GetProperty("timeStep").GetString(), 16), Totp.GetTimeStep(time));
            Assert.Equal(expected, Totp.ComputeTotp(secret, time, c.GetProperty("digits").GetInt32(), alg));
            Assert.Equal(expected[2..], Totp.ComputeTotp(secret, time, 6, alg));
            n++;
        }

        Assert.Equal(18, n);
        Assert.Equal("94287082", Totp.ComputeTotp("12345678901234567890"u8, DateTimeOffset.FromUnixTimeSeconds(59), 8));
    }

    [Fact]
    public void ComputeHotp_Rfc4226Vectors_Match()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("vectors/rfc/hotp_rfc4226.json")));
        var secret = Encoding.ASCII.GetBytes(doc.RootElement.GetProperty("secretAscii").GetString()!);
        var codes = doc.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => Totp.ComputeHotp(secret, c.GetProperty("counter").GetInt64(), 6)).ToArray();
        Assert.Equal(["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"], codes);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    public void ComputeHotp_DigitsOutOfRange_Throws(int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Totp.ComputeHotp("k"u8, 0, digits));
    }

    [Fact]
    public void Base32_RoundTripAndRfc4648Vector()
    {
        Assert.Equal("MZXW6YTBOI", Base32.Encode("foobar"u8));
        Assert.True(Base32.TryDecode("mzxw6ytboi", out var data));
        Assert.Equal("foobar"u8.ToArray(), data);
        Assert.False(Base32.TryDecode("MZXW6YTB0I", out _));
        Assert.False(Base32.TryDecode("MZXW=", out _));
    }
}
