using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Tests.Audit;

/// <summary>Several trails (hosts) appending to one log through <see cref="ISharedAuditStore"/>, and the fleet signing key.</summary>
public sealed class SharedAuditTrailTests
{
    private static readonly string FleetKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("c2hvcnQta2V5")]
    public void Constructor_SigningKeyNotA32ByteSecret_RefusedWithoutEchoingIt(string key)
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            new AuditTrail(new InMemoryAuditStore(), Options.Create(new AuditTrailOptions { InMemory = true, SigningKey = key })));

        Assert.Contains("SigningKey", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_SameSigningKeyOnTwoHosts_SameVerifierKeyAndNoKeyFileWritten()
    {
        using var a = new AuditTestLog();
        using var b = new AuditTestLog();
        await using var trailA = a.Open(o => o.SigningKey = FleetKey);
        await using var trailB = b.Open(o => o.SigningKey = FleetKey);
        await trailA.OpenAsync();
        await trailB.OpenAsync();

        Assert.Equal(trailA.VerifierKey, trailB.VerifierKey);
        Assert.False(File.Exists(Path.Combine(a.Directory, AuditSigningKey.PrivateKeyFile)));
    }

    [Fact]
    public async Task AppendAsync_ThreeHostsAtOnceOnASharedStore_OneDenseLogThatVerifiesOnEveryHost()
    {
        var log = new InMemoryAuditStore();
        var trails = Enumerable.Range(0, 3).Select(_ => Trail(log, FleetKey)).ToArray();
        try
        {
            var results = await Task.WhenAll(trails.SelectMany((t, h) => Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
                (await t.AppendAsync(AuditTestLog.Event(i, "host-" + h))).Sequence))));

            Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i), results.Order());
            foreach (var t in trails)
            {
                var checkpoint = await t.CheckpointAsync();
                Assert.Equal(60, checkpoint.TreeSize);
                Assert.True(t.GetInclusionProof(7).Verify());
                Assert.Equal(trails[0].GetRootHash(60), t.GetRootHash(60));
                Assert.True((await t.VerifyAsync()).IsValid);
            }

            var verified = await AuditLogVerifier.VerifyAsync(log, trails[0].PublicKey);
            Assert.True(verified.IsValid, verified.ToString());
            Assert.Equal(3, verified.CheckpointsVerified);
        }
        finally
        {
            foreach (var t in trails)
            {
                await t.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AppendAsync_ForeignGroupSignedByAnotherKey_FailsClosedAndKeepsFailing()
    {
        var log = new InMemoryAuditStore();
        await using var host = Trail(log, FleetKey);
        await using var stranger = Trail(log, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        await host.OpenAsync();
        await stranger.AppendAsync(AuditTestLog.Event(1));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var ex = await Assert.ThrowsAsync<AuditStoreException>(async () => await host.AppendAsync(AuditTestLog.Event(2 + attempt)));
            Assert.Equal(0, Assert.IsType<AuditLogTamperedException>(ex.InnerException).FirstBadSequence);
        }

        await Assert.ThrowsAsync<AuditStoreException>(async () => await host.SynchronizeAsync());
        Assert.Equal(0, host.Count);
        Assert.Equal(1, log.Count);

        // A host with the fleet's key does not even open a log whose newest commit another key signed.
        await using var late = Trail(log, FleetKey);
        await Assert.ThrowsAsync<AuditLogTamperedException>(async () => await late.OpenAsync());
    }

    private static AuditTrail Trail(InMemoryAuditStore log, string key) =>
        new(new SharedView(log), Options.Create(new AuditTrailOptions { InMemory = true, SigningKey = key }));

    /// <summary>One host's view of a log shared in memory: the lock a database would take, around the in-memory store.</summary>
    private sealed class SharedView(InMemoryAuditStore log) : ISharedAuditStore
    {
        private static readonly SemaphoreSlim Lock = new(1, 1);

        public async ValueTask AppendSharedAsync(long knownTreeSize, Func<IReadOnlyList<AuditStoreEntry>, AuditStoreGroup?> buildGroup, CancellationToken cancellationToken = default)
        {
            await Lock.WaitAsync(cancellationToken);
            try
            {
                var foreign = new List<AuditStoreEntry>();
                await foreach (var e in log.ReadAsync(knownTreeSize, cancellationToken))
                {
                    foreign.Add(e);
                }

                if (buildGroup(foreign) is { } group)
                {
                    await log.AppendAsync(group.Records, group.Commit, cancellationToken);
                }
            }
            finally
            {
                Lock.Release();
            }
        }

        public ValueTask<AuditStoreRecovery> OpenAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new AuditStoreRecovery(log.Count, 0, log.Count == 0));

        public ValueTask AppendAsync(IReadOnlyList<AuditStoreEntry> records, SignedCheckpoint commit, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("A shared log is appended to through AppendSharedAsync.");

        public IAsyncEnumerable<AuditStoreEntry> ReadAsync(long fromSequence, CancellationToken cancellationToken = default) => log.ReadAsync(fromSequence, cancellationToken);

        public ValueTask SaveCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default) => log.SaveCheckpointAsync(checkpoint, cancellationToken);

        public ValueTask<IReadOnlyList<SignedCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default) => log.ReadCheckpointsAsync(cancellationToken);

        public ValueTask<long> PruneAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken = default) => log.PruneAsync(recordedBefore, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
