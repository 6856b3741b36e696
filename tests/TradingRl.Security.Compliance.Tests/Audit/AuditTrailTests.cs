using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.Audit;

public sealed class AuditTrailTests
{
    [Fact]
    public async Task AppendAsync_Records_DenseSequenceAndTimestampFromTimeProvider()
    {
        using var log = new AuditTestLog();
        await using var trail = log.Open();
        var a = await trail.AppendAsync(AuditTestLog.Event(1));
        log.Time.Advance(TimeSpan.FromMinutes(1));
        var b = await trail.AppendAsync(AuditTestLog.Event(2));
        Assert.Equal(0, a.Sequence);
        Assert.Equal(1, b.Sequence);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 1, 0, TimeSpan.Zero), b.RecordedAt);
        Assert.Equal(2, trail.Count);
        var record = await trail.ReadAsync(1);
        Assert.NotNull(record);
        Assert.Equal("compliance.order.checked", record.Type);
        Assert.Equal("order/2", record.Resource);
        Assert.Equal("2", record.Properties["qty"]);
        Assert.Equal(AuditRecordOrigin.Direct, record.Origin);
    }

    [Fact]
    public async Task AppendAsync_SameEventIdTwice_RecordedOnce()
    {
        using var log = new AuditTestLog();
        await using var trail = log.Open();
        var e = AuditTestLog.Event(1);
        var first = await trail.AppendAsync(e);
        var again = await trail.AppendAsync(e);
        Assert.False(first.IsDuplicate);
        Assert.True(again.IsDuplicate);
        Assert.Equal(0, again.Sequence);
        Assert.Equal(1, trail.Count);
    }

    [Fact]
    public async Task AppendAsync_NullOrEmpty_Throws()
    {
        using var log = new AuditTestLog();
        await using var trail = log.Open();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await trail.AppendAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(async () => await trail.AppendRangeAsync(ReadOnlyMemory<SecurityEvent>.Empty));
        await Assert.ThrowsAsync<ArgumentException>(async () => await trail.AppendRangeAsync(new SecurityEvent[] { AuditTestLog.Event(1), null! }));
        Assert.Equal(0, trail.Count);
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentWriters_SequenceDenseAndUnique()
    {
        using var log = new AuditTestLog();
        await using var trail = log.Open();
        const int Writers = 16;
        const int PerWriter = 100;
        var tasks = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var seqs = new List<long>();
            for (var i = 0; i < PerWriter; i++)
            {
                seqs.Add((await trail.AppendAsync(AuditTestLog.Event((w * PerWriter) + i, $"agent-{w}"))).Sequence);
            }

            return seqs;
        })).ToArray();
        var all = (await Task.WhenAll(tasks)).SelectMany(s => s).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, Writers * PerWriter).Select(i => (long)i), all);
        var result = await trail.VerifyAsync();
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(Writers * PerWriter, result.RecordCount);
        Assert.True(result.CommitsVerified < Writers * PerWriter, "concurrent appends share group commits");
    }

    [Fact]
    public async Task AppendAsync_ManyWritersThenOne_LoneWriterIsNotHeldForTheOthers()
    {
        // The writer waits briefly for the appenders of recent groups to come back; with a fake clock that never moves, and once
        // seven of eight writers are gone, that wait must still end (it is bounded on the monotonic clock), or the lone writer stalls.
        using var log = new AuditTestLog();
        await using var trail = log.Open();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await trail.AppendAsync(AuditTestLog.Event((w * 20) + i, $"agent-{w}"));
            }
        })));

        var lone = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await trail.AppendAsync(AuditTestLog.Event(1_000 + i, "agent-lone"));
            }
        });
        Assert.Same(lone, await Task.WhenAny(lone, Task.Delay(TimeSpan.FromSeconds(30))));
        await lone;
        Assert.Equal(210, trail.Count);
        Assert.True((await trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task GetInclusionProof_EveryRecordAgainstEveryOlderSize_Verifies()
    {
        using var log = new AuditTestLog();
        await using var trail = log.Open();
        for (var i = 0; i < 17; i++)
        {
            await trail.AppendAsync(AuditTestLog.Event(i));
        }

        for (long size = 1; size <= 17; size++)
        {
            for (long seq = 0; seq < size; seq++)
            {
                var proof = trail.GetInclusionProof(seq, size);
                Assert.True(proof.Verify());
                Assert.Equal(trail.GetRootHash(size), proof.RootHash.ToArray());
            }

            Assert.True(trail.GetConsistencyProof(size, 17).Verify());
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => trail.GetInclusionProof(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => trail.GetInclusionProof(0, 18));
        Assert.Throws<ArgumentOutOfRangeException>(() => trail.GetConsistencyProof(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => trail.GetRootHash(18));
    }

    [Fact]
    public async Task GetRootHash_EmptyLog_IsSha256OfEmptyString()
    {
        using var log = new AuditTestLog();
        await using var trail = log.Open();
        await trail.OpenAsync();
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(trail.GetRootHash(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => trail.GetInclusionProof(0));
    }

    [Fact]
    public async Task CheckpointAsync_Signed_VerifiesWithPublicKeyAndSurvivesNoteRoundTrip()
    {
        using var log = new AuditTestLog();
        await using var trail = log.Open();
        await trail.AppendAsync(AuditTestLog.Event(1));
        var cp = await trail.CheckpointAsync();
        Assert.Equal(1, cp.TreeSize);
        Assert.Equal(log.Time.GetUtcNow(), cp.Timestamp);
        var parsed = SignedCheckpoint.Parse(cp.ToNote());
        Assert.True(parsed.Verify(trail.PublicKey.Span));
        Assert.Equal(File.ReadAllText(Path.Combine(log.Directory, "latest.checkpoint")), cp.ToNote());
        var other = new byte[32];
        Assert.False(parsed.Verify(other));
    }

    [Fact]
    public async Task OpenAsync_SecondRun_ExtendsSameLogWithSameKey()
    {
        using var log = new AuditTestLog();
        SignedCheckpoint first;
        string key;
        var e1 = AuditTestLog.Event(1);
        await using (var trail = log.Open())
        {
            await trail.AppendAsync(e1);
            first = await trail.CheckpointAsync();
            key = trail.VerifierKey;
        }

        await using (var trail = log.Open())
        {
            var r = await trail.AppendAsync(AuditTestLog.Event(2));
            Assert.Equal(1, r.Sequence);
            Assert.Equal(key, trail.VerifierKey);
            Assert.True(trail.GetConsistencyProof(1, 2).Verify());
            Assert.Equal(first.RootHash.ToArray(), trail.GetRootHash(1));
            var dup = await trail.AppendAsync(e1);
            Assert.True(dup.IsDuplicate);
            Assert.True((await trail.VerifyAsync([first])).IsValid);
        }
    }

    [Fact]
    public async Task OpenAsync_KeyMissingWithExistingLog_ThrowsAndNeverRegenerates()
    {
        using var log = new AuditTestLog();
        await log.WriteAsync(2);
        File.Delete(Path.Combine(log.Directory, "signing.key"));
        await using var trail = log.Open();
        var ex = await Assert.ThrowsAsync<AuditSigningKeyException>(() => trail.OpenAsync());
        Assert.Contains("signing key", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(log.Directory, "signing.key")));
    }

    [Fact]
    public async Task OpenAsync_KeyReadableByOthers_Throws()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var log = new AuditTestLog();
        await log.WriteAsync(1);
        var key = Path.Combine(log.Directory, "signing.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        await using var trail = log.Open();
        await Assert.ThrowsAsync<AuditSigningKeyException>(() => trail.OpenAsync());
    }

    [Fact]
    public async Task OpenAsync_SecondWriterOnSameDirectory_ThrowsInUse()
    {
        using var log = new AuditTestLog();
        await using var first = log.Open();
        await first.OpenAsync();
        await using var second = log.Open();
        var ex = await Assert.ThrowsAsync<AuditStoreException>(() => second.OpenAsync());
        Assert.Contains("in use", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_ByTimeActorTypeCorrelation_ReturnsMatches()
    {
        using var log = new AuditTestLog();
        await using var trail = log.Open();
        for (var i = 0; i < 10; i++)
        {
            await trail.AppendAsync(AuditTestLog.Event(i, i % 2 == 0 ? "alice" : "bob", i < 5 ? "flow-a" : "flow-b"));
            log.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await trail.AppendAsync(new SecurityEvent(SecurityEventTypes.OrderFilled.Type, SecuritySeverity.Info, log.Time.GetUtcNow()) { Actor = "alice" });
        var start = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(new long[] { 0, 2, 4, 6, 8, 10 }, await Seqs(trail, new AuditQuery { Actor = "alice" }));
        Assert.Equal(new long[] { 5, 6, 7, 8, 9 }, await Seqs(trail, new AuditQuery { CorrelationId = "flow-b" }));
        Assert.Equal(new long[] { 10 }, await Seqs(trail, new AuditQuery { Type = "trading.order.filled" }));
        Assert.Equal(new long[] { 2, 3 }, await Seqs(trail, new AuditQuery { From = start.AddMinutes(2), To = start.AddMinutes(4) }));
        Assert.Equal(new long[] { 1, 3 }, await Seqs(trail, new AuditQuery { Actor = "bob", Limit = 2 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Seqs(trail, new AuditQuery { Limit = 0 }));
    }

    [Fact]
    public async Task ProtectedProperties_WithProtector_StoredAsCiphertextAndRevealed()
    {
        using var log = new AuditTestLog();
        var protector = new XorProtector();
        await using var trail = log.Open(o => o.ProtectedProperties.Add("symbol"), protector);
        await trail.AppendAsync(AuditTestLog.Event(1));
        var record = (await trail.ReadAsync(0))!;
        Assert.False(record.Properties.ContainsKey("symbol"));
        Assert.Equal("XYZ", trail.Reveal(record, "symbol"));
        Assert.Equal("tradingrl.audit.subject/agent-1", protector.LastPurpose);
        var bytes = await File.ReadAllBytesAsync(log.Segment);
        Assert.DoesNotContain("XYZ", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.True((await trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task ProtectedProperties_ProtectionFailsForOneRecord_WholeAppendRefusedOthersStoredIntact()
    {
        // The refused append's bytes are rewound out of the group's buffer: records encoded after it must still verify.
        using var log = new AuditTestLog();
        await using var trail = log.Open(o => o.ProtectedProperties.Add("symbol"), new FailingProtector("agent-bad"));
        var first = AuditTestLog.Event(1);
        var refused = trail.AppendRangeAsync(new[] { first, AuditTestLog.Event(2, actor: "agent-bad"), AuditTestLog.Event(3) }).AsTask();
        var accepted = trail.AppendRangeAsync(new[] { AuditTestLog.Event(4), AuditTestLog.Event(5) }).AsTask();
        var ex = await Assert.ThrowsAsync<AuditStoreException>(() => refused);
        Assert.IsType<CryptographicException>(ex.InnerException);
        Assert.Equal(0, (await accepted).Sequence);
        Assert.Equal(2, trail.Count);
        Assert.Equal("order/4", (await trail.ReadAsync(0))!.Resource);
        Assert.Equal("order/5", (await trail.ReadAsync(1))!.Resource);

        // The refused records' ids were not remembered: appending them again stores them.
        var again = await trail.AppendAsync(first);
        Assert.False(again.IsDuplicate);
        Assert.Equal(2, again.Sequence);
        Assert.True((await trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task InMemoryStore_ReadFromEverySequence_YieldsRecordsThenEveryLaterCommit()
    {
        var store = new InMemoryAuditStore();
        await using var trail = new AuditTrail(store, Options.Create(new AuditTrailOptions { InMemory = true, CheckpointInterval = TimeSpan.Zero }));
        int[] sizes = [3, 4, 2];
        var i = 0;
        foreach (var size in sizes)
        {
            await trail.AppendRangeAsync(Enumerable.Range(i, size).Select(k => AuditTestLog.Event(k)).ToArray());
            i += size;
        }

        Assert.Equal(9, store.Count);
        for (var from = 0; from <= 10; from++)
        {
            var expected = new List<string>();
            var start = 0;
            foreach (var size in sizes)
            {
                var end = start + size;
                if (from < 9 && end > from)
                {
                    for (var seq = Math.Max(from, start); seq < end; seq++)
                    {
                        expected.Add($"r{seq}");
                    }

                    expected.Add($"c{end}");
                }

                start = end;
            }

            var actual = new List<string>();
            await foreach (var e in store.ReadAsync(from))
            {
                actual.Add(e.Commit is { } c ? $"c{c.TreeSize}" : $"r{e.Sequence}");
                if (e.Commit is null)
                {
                    Assert.Equal(e.Sequence, AuditRecordCodec.ReadSequence(e.Data.Span));
                    Assert.Equal(MerkleHash.Leaf(e.Data.Span), e.LeafHash.ToArray());
                }
            }

            Assert.Equal(expected, actual);
        }

        Assert.True((await trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public void Codec_LeafPrefix_WritesZeroThenTheSameRecord()
    {
        var e = AuditTestLog.Event(7);
        var plain = new System.Buffers.ArrayBufferWriter<byte>();
        var prefixed = new System.Buffers.ArrayBufferWriter<byte>();
        var at = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        AuditRecordCodec.Encode(plain, 7, at, AuditRecordOrigin.Direct, e, null);
        AuditRecordCodec.Encode(prefixed, 7, at, AuditRecordOrigin.Direct, e, null, leafPrefix: true);
        Assert.Equal([MerkleHash.LeafPrefix, .. plain.WrittenSpan.ToArray()], prefixed.WrittenSpan.ToArray());
        var decoded = AuditRecordCodec.Decode(plain.WrittenSpan);
        Assert.Equal("7", decoded.Properties["qty"]);
        Assert.Equal("XYZ", decoded.Properties["symbol"]);
    }

    [Fact]
    public void EntryBlock_RecordsAndHashes_MatchTheirEncodings()
    {
        byte[][] records = [[1, 2, 3], [4], [5, 6, 7, 8, 9]];
        var encoded = new List<byte>();
        var ends = new List<int>();
        foreach (var r in records)
        {
            encoded.Add(MerkleHash.LeafPrefix);
            encoded.AddRange(r);
            ends.Add(encoded.Count);
        }

        var block = new AuditEntryBlock(40, encoded.ToArray(), ends.ToArray());
        Assert.Equal(3, block.Count);
        for (var k = 0; k < records.Length; k++)
        {
            Assert.Equal(records[k], block.Data(k).ToArray());
            Assert.Equal(MerkleHash.Leaf(records[k]), block.LeafHash(k).ToArray());
            Assert.Equal(40 + k, block[k].Sequence);
            Assert.Equal(records[k], block[k].Data.ToArray());
        }

        Assert.Equal([40L, 41, 42], block.Select(e => e.Sequence));
        Assert.Throws<ArgumentOutOfRangeException>(() => block.LeafHash(3));
    }

    [Fact]
    public void Constructor_ProtectedPropertiesWithoutProtector_Throws()
    {
        using var log = new AuditTestLog();
        var ex = Assert.Throws<OptionsValidationException>(() => log.Open(o => o.ProtectedProperties.Add("symbol")));
        Assert.Contains("AddEncryption", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoDirectoryNorInMemory_ThrowsNamingSetting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new AuditTrail(new InMemoryAuditStore(), Options.Create(new AuditTrailOptions())));
        Assert.Contains("AuditTrailOptions.Directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemory_AppendRangeAndVerify_Valid()
    {
        await using var trail = new AuditTrail(new InMemoryAuditStore(), Options.Create(new AuditTrailOptions { InMemory = true }));
        var events = Enumerable.Range(0, 1000).Select(i => AuditTestLog.Event(i)).ToArray();
        var first = await trail.AppendRangeAsync(events);
        Assert.Equal(0, first.Sequence);
        Assert.Equal(1000, trail.Count);
        var result = await trail.VerifyAsync();
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(1, result.CommitsVerified);
    }

    [Fact]
    public async Task ApplyRetention_OldSealedSegments_PrunedButLogStillVerifies()
    {
        using var log = new AuditTestLog();
        await using (var trail = log.Open(o => o.Retention = TimeSpan.FromDays(1)))
        {
            for (var i = 0; i < 600; i++)
            {
                await trail.AppendRangeAsync(new[] { AuditTestLog.Event(i) });
            }

            var cp = await trail.CheckpointAsync();
            log.Time.Advance(TimeSpan.FromDays(2));
            await trail.AppendAsync(AuditTestLog.Event(1000));
            var removed = await trail.ApplyRetentionAsync();
            Assert.True(removed > 0);
            Assert.Null(await trail.ReadAsync(0));
            Assert.NotNull(await trail.ReadAsync(600));
            var result = await trail.VerifyAsync([cp]);
            Assert.True(result.IsValid, result.Message);
            Assert.Equal(removed, result.PrunedRecords);
            Assert.True(trail.GetInclusionProof(600).Verify());
        }

        await using (var again = log.Open())
        {
            Assert.Equal(601, (await again.AppendAsync(AuditTestLog.Event(1001))).Sequence);
        }
    }

    private static async Task<long[]> Seqs(AuditTrail trail, AuditQuery q)
    {
        var list = new List<long>();
        await foreach (var r in trail.QueryAsync(q))
        {
            list.Add(r.Sequence);
        }

        return [.. list];
    }

    private sealed class FailingProtector(string failingActor) : ISecretProtector
    {
        public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose) =>
            purpose.EndsWith("/" + failingActor, StringComparison.Ordinal) ? throw new CryptographicException("The key is gone.") : plaintext.ToArray();

        public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose) => protectedData.ToArray();
    }

    private sealed class XorProtector : ISecretProtector
    {
        public string? LastPurpose { get; private set; }

        public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
        {
            LastPurpose = purpose;
            var key = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(purpose));
            var o = plaintext.ToArray();
            for (var i = 0; i < o.Length; i++)
            {
                o[i] ^= key[i % key.Length];
            }

            return o;
        }

        public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose) => Protect(protectedData, purpose);
    }
}
