using System.Security.Cryptography;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Internal;

namespace TradingRl.Security.Auth.Tests.Tokens;

/// <summary>The keyed HMAC with kept states against .NET's HMACSHA256, at the block edges of key and message.</summary>
public sealed class HmacSha256KeyTests
{
    public static TheoryData<int> KeyLengths => [1, 32, 63, 64, 65, 100, 200];

    [Fact]
    public void NativePath_IsUsedOnLinux()
    {
        // On this project's CI (Linux with OpenSSL 3) the kept states must be in use, or the benchmark measures the fallback.
        Assert.Equal(OperatingSystem.IsLinux(), LibCryptoSha256.Available);
        using var key = new HmacSha256Key(new byte[32]);
        Assert.Equal(LibCryptoSha256.Available, key.UsesKeptStates);
    }

    [Theory]
    [MemberData(nameof(KeyLengths))]
    public void TryCompute_MatchesHmacSha256_ForEveryMessageLength(int keyLength)
    {
        var secret = RandomNumberGenerator.GetBytes(keyLength);
        var message = RandomNumberGenerator.GetBytes(2200);
        using var key = new HmacSha256Key(secret);
        var tag = new byte[HmacSha256Key.TagSize];
        for (var length = 0; length <= message.Length; length += length < 200 ? 1 : 97)
        {
            Assert.True(key.TryCompute(message.AsSpan(0, length), tag));
            Assert.Equal(HMACSHA256.HashData(secret, message.AsSpan(0, length)), tag);
            Assert.True(key.Verify(message.AsSpan(0, length), tag));
        }
    }

    [Fact]
    public void Rfc4231_TestCase2_KnownTag()
    {
        // RFC 4231 section 4.3: key "Jefe", data "what do ya want for nothing?".
        using var key = new HmacSha256Key("Jefe"u8);
        var tag = new byte[32];
        Assert.True(key.TryCompute("what do ya want for nothing?"u8, tag));
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Convert.ToHexStringLower(tag));
    }

    [Fact]
    public void Verify_TamperedTruncatedOrLongTag_False()
    {
        using var key = new HmacSha256Key(new byte[32]);
        var data = "header.payload"u8.ToArray();
        var tag = new byte[32];
        Assert.True(key.TryCompute(data, tag));
        Assert.True(key.Verify(data, tag));
        for (var i = 0; i < tag.Length; i++)
        {
            var bad = (byte[])tag.Clone();
            bad[i] ^= 1;
            Assert.False(key.Verify(data, bad));
        }

        Assert.False(key.Verify(data, tag.AsSpan(0, 16)));
        Assert.False(key.Verify(data, [.. tag, 0]));
        Assert.False(key.Verify(data, []));
        Assert.Throws<ArgumentException>(() => key.TryCompute(data, new byte[31]));
    }

    [Fact]
    public void Disposed_VerifiesNothing()
    {
        var key = new HmacSha256Key(new byte[32]);
        var data = "x"u8.ToArray();
        var tag = new byte[32];
        Assert.True(key.TryCompute(data, tag));
        key.Dispose();
        key.Dispose();
        Assert.False(key.Verify(data, tag));
        Assert.False(key.TryCompute(data, new byte[32]));
    }

    [Fact]
    public async Task Concurrent_Verifications_AllCorrect()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        using var key = new HmacSha256Key(secret);
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var data = new byte[300 + t];
            RandomNumberGenerator.Fill(data);
            var expected = HMACSHA256.HashData(secret, data);
            for (var i = 0; i < 5_000; i++)
            {
                if (!key.Verify(data, expected))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        Assert.Equal(0, failures);
    }
}
