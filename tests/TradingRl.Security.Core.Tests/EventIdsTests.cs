using System.Collections.Concurrent;
using TradingRl.Security.Events;

namespace TradingRl.Security.Core.Tests;

public class EventIdsTests
{
    [Fact]
    public void CreateVersion7_HasTheLayoutOfGuidCreateVersion7()
    {
        var at = new DateTimeOffset(2026, 12, 4, 11, 50, 0, 123, TimeSpan.Zero);
        var ours = EventIds.CreateVersion7(at);
        var theirs = Guid.CreateVersion7(at);

        Assert.Equal(7, ours.Version);
        // Guid.Variant is the whole top nibble of byte 8: RFC 9562's variant is its top two bits, 10.
        Assert.Equal(0x8, theirs.Variant & 0xC);
        Assert.Equal(0x8, ours.Variant & 0xC);

        // The first 48 bits are the Unix milliseconds, big-endian, as in the runtime's UUIDv7.
        Assert.Equal(theirs.ToString()[..13], ours.ToString()[..13]);
        Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(ours.ToString("N")[..12], 16));
    }

    [Fact]
    public void CreateVersion7_ManyThreads_AllDistinct()
    {
        var at = DateTimeOffset.UnixEpoch.AddYears(56);
        var ids = new ConcurrentDictionary<Guid, byte>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                Assert.True(ids.TryAdd(EventIds.CreateVersion7(at), 0));
            }
        });

        Assert.Equal(400_000, ids.Count);
    }

    [Fact]
    public void CreateVersion7_BeforeTheEpoch_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EventIds.CreateVersion7(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
        Assert.Equal(7, EventIds.CreateVersion7(DateTimeOffset.MaxValue).Version);
    }

    [Fact]
    public void SecurityEvent_WithoutId_GetsAVersion7IdOfItsTimestamp()
    {
        var at = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);
        var e = new SecurityEvent("auth.login.succeeded", SecuritySeverity.Info, at);
        Assert.Equal(7, e.Id.Version);
        Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(e.Id.ToString("N")[..12], 16));
    }
}
