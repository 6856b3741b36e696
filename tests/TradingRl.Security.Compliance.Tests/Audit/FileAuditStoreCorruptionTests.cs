using System.Buffers.Binary;
using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Tests.Audit;

/// <summary>Damaged files under the audit directory: a typed tampering error on open, never a raw runtime exception.</summary>
public sealed class FileAuditStoreCorruptionTests
{
    [Fact]
    public async Task OpenAsync_PrunedSegmentWithDamagedTimestamp_ThrowsAuditLogTampered()
    {
        using var log = new AuditTestLog();
        await using (var trail = log.Open(o => o.Retention = TimeSpan.FromDays(1)))
        {
            for (var i = 0; i < 600; i++)
            {
                await trail.AppendRangeAsync(new[] { AuditTestLog.Event(i) });
            }

            log.Time.Advance(TimeSpan.FromDays(2));
            await trail.AppendAsync(AuditTestLog.Event(1000));
            Assert.True(await trail.ApplyRetentionAsync() > 0);
        }

        var leaves = Directory.GetFiles(Path.Combine(log.Directory, "pruned"), "*.leaves")[0];
        var blob = File.ReadAllBytes(leaves);
        var count = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(8 + 8));
        var timeOffset = 8 + 16 + (int)(count * 32);
        BinaryPrimitives.WriteInt64LittleEndian(blob.AsSpan(timeOffset), -1);
        File.WriteAllBytes(leaves, blob);

        await using var store = new FileAuditStore(log.Directory);
        await Assert.ThrowsAsync<AuditLogTamperedException>(async () => await store.OpenAsync());
    }
}
