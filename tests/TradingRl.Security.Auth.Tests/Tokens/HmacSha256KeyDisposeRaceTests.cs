using System.Diagnostics;
using System.Security.Cryptography;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Internal;

namespace TradingRl.Security.Auth.Tests.Tokens;

/// <summary>A verification racing <see cref="HmacSha256Key.Dispose"/> must fail closed: the zeroed states it may copy give a
/// tag anyone can compute (SHA-256 from an all-zero state), which must never verify.</summary>
public sealed class HmacSha256KeyDisposeRaceTests
{
    // The tag of data under all-zero inner and outer states: what a verification computes if Dispose zeroed the states
    // between its disposed check and its copy of them. No key needed.
    private static byte[] ZeroStateTag(byte[] data)
    {
        var context = new byte[LibCryptoSha256.ContextSize];
        var inner = new byte[32];
        var tag = new byte[32];
        Assert.True(LibCryptoSha256.Update(context, data) && LibCryptoSha256.Final(context, inner));
        Array.Clear(context);
        Assert.True(LibCryptoSha256.Update(context, inner) && LibCryptoSha256.Final(context, tag));
        return tag;
    }

    [Fact]
    public void VerifyRacingDispose_NeverAcceptsTheKeylessTag()
    {
        if (!LibCryptoSha256.Available)
        {
            return; // the managed fallback re-keys from the zeroed secret: covered by the same post-check
        }

        var data = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0"u8.ToArray();
        var forged = ZeroStateTag(data);
        HmacSha256Key? current = null;
        var accepted = 0;
        var stop = false;
        var worker = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                var key = Volatile.Read(ref current);
                if (key is not null && key.Verify(data, forged))
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        }) { IsBackground = true };
        worker.Start();
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(4) && Volatile.Read(ref accepted) == 0)
        {
            var key = new HmacSha256Key(RandomNumberGenerator.GetBytes(32));
            Volatile.Write(ref current, key);
            Thread.SpinWait(20 + (rounds++ % 200));
            key.Dispose();
        }

        Volatile.Write(ref stop, true);
        worker.Join();
        Assert.True(accepted == 0, $"a tag computed without the key verified {accepted} time(s) in {rounds} dispose races");
    }
}
