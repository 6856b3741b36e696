using System.Security.Cryptography;
using System.Text;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Tests.Tokens;

public sealed class SigningKeyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_Hs256PooledContexts_MatchTheOneShotHmacAtEveryLength()
    {
        // The one-shot HMAC is the independent reference; inputs of several lengths show the pooled contexts reset exactly.
        var secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        using var key = SigningKey.FromHmacSecret("k1", secret, T0);
        for (var n = 0; n < 300; n += 37)
        {
            var data = Encoding.ASCII.GetBytes(new string('a', n));
            var tag = HMACSHA256.HashData(secret, data);
            Assert.True(key.Verify(data, tag));
            tag[^1] ^= 1;
            Assert.False(key.Verify(data, tag));
        }
    }

    [Fact]
    public void Verify_Hs256ManyThreadsAtOnce_EveryAnswerRight()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        using var key = SigningKey.FromHmacSecret("k1", secret, T0);
        var inputs = Enumerable.Range(0, 64).Select(i => Encoding.ASCII.GetBytes("payload-" + i)).ToArray();
        var tags = inputs.Select(d => HMACSHA256.HashData(secret, d)).ToArray();
        var wrong = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var j = i % inputs.Length;
            var other = (j + 1) % inputs.Length;
            if (!key.Verify(inputs[j], tags[j]) || key.Verify(inputs[j], tags[other]))
            {
                Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Verify_Hs256AfterDispose_FailsClosed()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var key = SigningKey.FromHmacSecret("k1", secret, T0);
        var data = "header.payload"u8.ToArray();
        var tag = HMACSHA256.HashData(secret, data);
        Assert.True(key.Verify(data, tag));
        key.Dispose();
        Assert.False(key.Verify(data, tag));
    }

    [Fact]
    public void Verify_Es256AfterDispose_FailsClosedWithoutThrowing()
    {
        // A validation that found the key just before a rotation pruned it (or the ring was disposed) must refuse, not throw.
        var key = SigningKey.Generate(SigningAlgorithm.ES256, T0);
        var data = "header.payload"u8.ToArray();
        var signature = key.Sign(data);
        Assert.True(key.Verify(data, signature));
        key.Dispose();
        Assert.False(key.Verify(data, signature));
    }
}
