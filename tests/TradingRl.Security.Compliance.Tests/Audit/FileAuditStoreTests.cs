using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Tests.Audit;

public sealed class FileAuditStoreTests
{
    [Fact]
    public async Task AppendAsync_BeforeOpen_Throws()
    {
        using var log = new AuditTestLog();
        await using var store = new FileAuditStore(log.Directory);
        using var key = AuditSigningKey.CreateEphemeral("log");
        var commit = key.Sign("log", 1, new byte[32], log.Time.GetUtcNow());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.AppendAsync([new AuditStoreEntry(0, new byte[] { 1 }, new byte[32])], commit));
    }

    [Fact]
    public async Task AppendAsync_GapOrWrongCommitSize_ThrowsAndWritesNothing()
    {
        using var log = new AuditTestLog();
        await using var store = new FileAuditStore(log.Directory);
        await store.OpenAsync();
        using var key = AuditSigningKey.CreateEphemeral("log");
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync([new AuditStoreEntry(1, new byte[] { 1 }, new byte[32])], key.Sign("log", 2, new byte[32], log.Time.GetUtcNow())));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync([new AuditStoreEntry(0, new byte[] { 1 }, new byte[32])], key.Sign("log", 5, new byte[32], log.Time.GetUtcNow())));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync([], key.Sign("log", 0, new byte[32], log.Time.GetUtcNow())));
        Assert.False(FileAuditStore.LogExists(log.Directory));
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new FileAuditStore(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileAuditStore("x", segmentSize: 10));
    }

    [Fact]
    public async Task SegmentRollover_ManySegments_ReopenAndVerify()
    {
        using var log = new AuditTestLog();
        await using (var trail = log.Open())
        {
            for (var i = 0; i < 20; i++)
            {
                await trail.AppendRangeAsync(Enumerable.Range(i * 100, 100).Select(j => AuditTestLog.Event(j)).ToArray());
            }
        }

        Assert.True(Directory.GetFiles(Path.Combine(log.Directory, "segments")).Length > 1);
        await using (var trail = log.Open())
        {
            Assert.Equal(2000, (await trail.AppendAsync(AuditTestLog.Event(5000))).Sequence);
            Assert.True((await trail.VerifyAsync()).IsValid);
            Assert.Equal("order/1500", (await trail.ReadAsync(1500))!.Resource);
        }
    }

    [Fact]
    public async Task ReadCheckpointsAsync_TornLastNote_Ignored()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(2);
        var path = Path.Combine(log.Directory, "checkpoints.notes");
        await File.AppendAllTextAsync(path, "tradingrl.security/audit\n3\n");
        await using var store = new FileAuditStore(log.Directory);
        Assert.Single(await store.ReadCheckpointsAsync());
    }
}
