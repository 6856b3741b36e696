using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.Audit;

public sealed class AuditLogVerifierTests
{
    private const int Records = 6;

    [Fact]
    public async Task VerifyAsync_UntouchedLog_Valid()
    {
        using var log = new AuditTestLog();
        var cp = await log.WriteAsync(Records);
        var result = await log.VerifyAsync([cp]);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(Records, result.RecordCount);
        Assert.Equal(Records, result.CommitsVerified);
        Assert.Equal(2, result.CheckpointsVerified);
        Assert.Equal(cp.RootHash.ToArray(), result.RootHash.ToArray());
    }

    [Fact]
    public async Task VerifyAsync_EveryByteOfEveryRecordFlipped_DetectedAtThatRecord()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        var original = await File.ReadAllBytesAsync(log.Segment);
        var records = AuditTestLog.Frames(original).Where(f => !f.IsCommit).ToList();
        for (var seq = 0; seq < records.Count; seq++)
        {
            var (offset, length, _) = records[seq];
            for (var b = offset; b < offset + length; b++)
            {
                var copy = (byte[])original.Clone();
                copy[b] ^= 0x01;
                await File.WriteAllBytesAsync(log.Segment, copy);
                var result = await log.VerifyAsync();
                Assert.False(result.IsValid);
                Assert.Equal(seq, result.FirstBadSequence);
            }
        }
    }

    [Fact]
    public async Task VerifyAsync_CommitByteFlipped_Detected()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        var original = await File.ReadAllBytesAsync(log.Segment);
        foreach (var (offset, length, _) in AuditTestLog.Frames(original).Where(f => f.IsCommit))
        {
            for (var b = offset; b < offset + length; b += 7)
            {
                var copy = (byte[])original.Clone();
                copy[b] ^= 0x80;
                await File.WriteAllBytesAsync(log.Segment, copy);
                Assert.False((await log.VerifyAsync()).IsValid);
            }
        }
    }

    [Fact]
    public async Task VerifyAsync_RecordDeleted_FirstBadIsDeletedIndex()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        var data = await File.ReadAllBytesAsync(log.Segment);
        var r = AuditTestLog.Frames(data).Where(f => !f.IsCommit).ElementAt(2);
        await File.WriteAllBytesAsync(log.Segment, [.. data.AsSpan(0, r.Offset), .. data.AsSpan(r.Offset + r.Length)]);
        var result = await log.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_TwoRecordsSwapped_FirstBadIsFirstSwapped()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        var data = await File.ReadAllBytesAsync(log.Segment);
        var frames = AuditTestLog.Frames(data).Where(f => !f.IsCommit).ToList();
        var (a, b) = (frames[1], frames[3]);
        var swapped = new List<byte>();
        swapped.AddRange(data.AsSpan(0, a.Offset));
        swapped.AddRange(data.AsSpan(b.Offset, b.Length));
        swapped.AddRange(data.AsSpan(a.Offset + a.Length, b.Offset - (a.Offset + a.Length)));
        swapped.AddRange(data.AsSpan(a.Offset, a.Length));
        swapped.AddRange(data.AsSpan(b.Offset + b.Length));
        await File.WriteAllBytesAsync(log.Segment, [.. swapped]);
        var result = await log.VerifyAsync();
        Assert.False(result.IsValid);
        Assert.Equal(1, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_ForgedRecordAppendedWithoutCommit_UncommittedTailAtForgedIndex()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        var (record, hash) = Encode(Records, "mallory");
        var frame = new byte[40 + record.Length];
        AuditSegmentFormat.WriteRecordFrame(frame, record, hash);
        await AppendBytes(log.Segment, frame);
        var result = await log.VerifyAsync();
        Assert.Equal(AuditVerificationStatus.UncommittedTail, result.Status);
        Assert.Equal(Records, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_ForgedRecordWithCommitSignedByOtherKey_SignatureInvalidAtForgedIndex()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        var tree = await TreeOf(log);
        var (record, hash) = Encode(Records, "mallory");
        tree.Append(hash);
        using var forger = AuditSigningKey.CreateEphemeral("tradingrl.security/audit");
        var commit = forger.Sign("tradingrl.security/audit", Records + 1, tree.Root(Records + 1), log.Time.GetUtcNow());
        var frame = new byte[40 + record.Length];
        AuditSegmentFormat.WriteRecordFrame(frame, record, hash);
        await AppendBytes(log.Segment, [.. frame, .. AuditSegmentFormat.CommitFrame(commit)]);
        var result = await log.VerifyAsync();
        Assert.Equal(AuditVerificationStatus.SignatureInvalid, result.Status);
        Assert.Equal(Records, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_RecordRewrittenWithRecomputedHash_FirstBadIsRewrittenRecord()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        await RewriteAsync(log, rewrite: 3, resign: false);
        var result = await log.VerifyAsync();
        Assert.Equal(AuditVerificationStatus.RecordAltered, result.Status);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_WholeFileRewrittenAndResignedWithStolenKey_TrustedCheckpointDetects()
    {
        using var log = new AuditTestLog();
        var witnessed = await log.WriteAsync(Records);
        await RewriteAsync(log, rewrite: 2, resign: true);

        // The log's own hashes and signatures are consistent again: only a checkpoint kept elsewhere exposes the rewrite.
        File.Delete(Path.Combine(log.Directory, "checkpoints.notes"));
        Assert.True((await log.VerifyAsync()).IsValid);
        var result = await log.VerifyAsync([witnessed]);
        Assert.Equal(AuditVerificationStatus.CheckpointMismatch, result.Status);
        Assert.False(result.IsValid);
        Assert.Contains($"first {Records} records", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_TailCutOffBelowCheckpoint_LogTruncated()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        var data = await File.ReadAllBytesAsync(log.Segment);
        var lastRecord = AuditTestLog.Frames(data).Where(f => !f.IsCommit).Last();
        await File.WriteAllBytesAsync(log.Segment, data.AsSpan(0, lastRecord.Offset).ToArray());
        var result = await log.VerifyAsync();
        Assert.Equal(AuditVerificationStatus.LogTruncated, result.Status);
        Assert.Equal(Records - 1, result.FirstBadSequence);

        // Opening for writing refuses too: acknowledged, checkpointed records are gone.
        await using var trail = log.Open();
        var ex = await Assert.ThrowsAsync<AuditLogTamperedException>(() => trail.OpenAsync());
        Assert.Equal(Records - 1, ex.FirstBadSequence);
    }

    [Fact]
    public async Task OpenAsync_TornTailAfterLastCommit_TruncatedAndLogExtends()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        var (record, hash) = Encode(Records, "agent-1");
        var frame = new byte[40 + record.Length];
        AuditSegmentFormat.WriteRecordFrame(frame, record, hash);
        await AppendBytes(log.Segment, frame.AsSpan(0, frame.Length - 5).ToArray());
        await using var trail = log.Open();
        await trail.OpenAsync();
        Assert.Equal(Records, trail.Count);
        Assert.Single(Directory.GetFiles(Path.Combine(log.Directory, "torn")));
        Assert.Equal(Records, (await trail.AppendAsync(AuditTestLog.Event(99))).Sequence);
        Assert.True((await trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task OpenAsync_DamagedRecordBeforeCommit_RefusesToTruncate()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(Records);
        var data = await File.ReadAllBytesAsync(log.Segment);
        var r = AuditTestLog.Frames(data).Where(f => !f.IsCommit).ElementAt(1);
        data[r.Offset + 20] ^= 0xFF;
        await File.WriteAllBytesAsync(log.Segment, data);
        await using var trail = log.Open();
        var ex = await Assert.ThrowsAsync<AuditLogTamperedException>(() => trail.OpenAsync());
        Assert.Equal(1, ex.FirstBadSequence);
        Assert.Equal(data, await File.ReadAllBytesAsync(log.Segment));
    }

    [Fact]
    public async Task VerifyAsync_WrongKeyLength_Throws()
    {
        await using var store = new InMemoryAuditStore();
        await Assert.ThrowsAsync<ArgumentException>(async () => await AuditLogVerifier.VerifyAsync(store, new byte[31]));
    }

    private static (byte[] Record, byte[] Hash) Encode(long seq, string actor)
    {
        var w = new ArrayBufferWriter<byte>();
        var e = new SecurityEvent("compliance.order.checked", SecuritySeverity.Info, new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)) { Actor = actor };
        AuditRecordCodec.Encode(w, seq, new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), AuditRecordOrigin.Direct, e, null);
        var record = w.WrittenSpan.ToArray();
        return (record, MerkleHash.Leaf(record));
    }

    private static async Task AppendBytes(string path, byte[] bytes)
    {
        await using var fs = new FileStream(path, FileMode.Append);
        await fs.WriteAsync(bytes);
    }

    private static async Task<MerkleTree> TreeOf(AuditTestLog log)
    {
        var tree = new MerkleTree();
        await using var store = new FileAuditStore(log.Directory);
        await foreach (var e in store.ReadAsync(0))
        {
            if (e.Commit is null)
            {
                tree.Append(e.LeafHash.Span);
            }
        }

        return tree;
    }

    // Rewrites record #rewrite with a new actor and a recomputed leaf hash; with resign, every later commit is re-signed with the log's own key.
    private static async Task RewriteAsync(AuditTestLog log, int rewrite, bool resign)
    {
        var data = await File.ReadAllBytesAsync(log.Segment);
        using var key = AuditSigningKey.LoadOrCreate(log.Directory, "tradingrl.security/audit", logExists: true);
        var output = new List<byte>(data.AsSpan(0, 24).ToArray());
        var tree = new MerkleTree();
        foreach (var (offset, length, isCommit) in AuditTestLog.Frames(data))
        {
            var frame = data.AsSpan(offset, length);
            if (isCommit)
            {
                if (resign)
                {
                    var old = SignedCheckpoint.Parse(Encoding.UTF8.GetString(frame[8..^32]));
                    frame = AuditSegmentFormat.CommitFrame(key.Sign(old.Origin, tree.Count, tree.Root(tree.Count), old.Timestamp));
                }
            }
            else
            {
                var body = frame[8..^32].ToArray();
                var seq = BinaryPrimitives.ReadInt64LittleEndian(body.AsSpan(1));
                if (seq == rewrite)
                {
                    var r = AuditRecordCodec.Decode(body);
                    var w = new ArrayBufferWriter<byte>();
                    var e = new SecurityEvent(r.Type, r.Severity, r.EventTimestamp, r.EventId) { Actor = "someone-else", Resource = r.Resource, CorrelationId = r.CorrelationId, Outcome = SecurityOutcome.Success };
                    AuditRecordCodec.Encode(w, seq, r.RecordedAt, r.Origin, e, null);
                    body = w.WrittenSpan.ToArray();
                    var newFrame = new byte[40 + body.Length];
                    AuditSegmentFormat.WriteRecordFrame(newFrame, body, MerkleHash.Leaf(body));
                    frame = newFrame;
                }

                tree.Append(MerkleHash.Leaf(body));
            }

            output.AddRange(frame);
        }

        await File.WriteAllBytesAsync(log.Segment, [.. output]);
    }
}

/// <summary>Large groups (thousands of records between commits): the first bad record is the one a one-by-one walk finds.</summary>
public sealed class AuditLogVerifierLargeGroupTests
{
    private const int Count = 5000;

    [Fact]
    public async Task VerifyAsync_LargeGroups_AlteredRecordAtAnyPositionIsTheFirstBad()
    {
        using var log = new AuditTestLog();
        var (original, records) = await WriteGroupsAsync(log);
        Assert.Equal(Count, records.Count);
        Assert.True((await log.VerifyAsync()).IsValid);

        foreach (var seq in new[] { 0, 1, 255, 256, 2499, 2500, 4095, 4096, 4999 })
        {
            var copy = (byte[])original.Clone();
            copy[records[seq].Offset + 8 + 5] ^= 0x01;
            await File.WriteAllBytesAsync(log.Segment, copy);
            var result = await log.VerifyAsync();
            Assert.Equal(AuditVerificationStatus.RecordAltered, result.Status);
            Assert.Equal(seq, result.FirstBadSequence);
        }
    }

    [Fact]
    public async Task VerifyAsync_AlteredRecordBeforeADeletedOneInTheSameGroup_ReportsTheAlteredOne()
    {
        using var log = new AuditTestLog();
        var (data, records) = await WriteGroupsAsync(log);
        data[records[1000].Offset + 8 + 5] ^= 0x01;
        var deleted = records[2000];
        await File.WriteAllBytesAsync(log.Segment, [.. data.AsSpan(0, deleted.Offset), .. data.AsSpan(deleted.Offset + deleted.Length)]);

        var result = await log.VerifyAsync();

        Assert.Equal(AuditVerificationStatus.RecordAltered, result.Status);
        Assert.Equal(1000, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_LargeGroupsTruncatedMidRecord_EarlierRecordsStillChecked()
    {
        using var log = new AuditTestLog();
        var (data, records) = await WriteGroupsAsync(log);
        data[records[10].Offset + 8 + 5] ^= 0x01;
        await File.WriteAllBytesAsync(log.Segment, data.AsSpan(0, records[3000].Offset + 20).ToArray());

        var result = await log.VerifyAsync();

        Assert.False(result.IsValid);
        Assert.Equal(10, result.FirstBadSequence);
    }

    /// <summary>Writes two groups of 2,500 records into one segment; returns the segment's bytes and its record frames.</summary>
    private static async Task<(byte[] Segment, List<(int Offset, int Length, bool IsCommit)> Records)> WriteGroupsAsync(AuditTestLog log)
    {
        await using (var trail = log.Open(o => o.SegmentSize = 64 * 1024 * 1024))
        {
            for (var group = 0; group < 2; group++)
            {
                var events = Enumerable.Range(group * (Count / 2), Count / 2).Select(i => AuditTestLog.Event(i)).ToArray();
                await trail.AppendRangeAsync(events);
                log.Time.Advance(TimeSpan.FromSeconds(1));
            }

            await trail.CheckpointAsync();
        }

        // Read once the trail is closed, as the tamper tests above do.
        var data = await File.ReadAllBytesAsync(log.Segment);
        return (data, AuditTestLog.Frames(data).Where(f => !f.IsCommit).ToList());
    }
}
