using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.Audit;

/// <summary>The writer loop under failing stores, cancellations, mixed ranges and a racing dispose: nothing stalls, nothing is lost or doubled.</summary>
public sealed class AuditTrailConcurrencyTests
{
    /// <summary>An in-memory store whose write takes a set time (a durable fsync stand-in), failing the writes <c>fail</c> picks; counts the records it stored.</summary>
    private sealed class SlowStore(TimeSpan delay, Func<int, bool>? fail = null) : IAuditStore
    {
        private readonly InMemoryAuditStore _inner = new();
        private int _writes;
        private int _stored;

        public int Stored => Volatile.Read(ref _stored);

        public ValueTask<AuditStoreRecovery> OpenAsync(CancellationToken cancellationToken = default) => _inner.OpenAsync(cancellationToken);

        public async ValueTask AppendAsync(IReadOnlyList<AuditStoreEntry> records, SignedCheckpoint commit, CancellationToken cancellationToken = default)
        {
            var n = Interlocked.Increment(ref _writes);
            if (delay > TimeSpan.Zero)
            {
                Thread.Sleep(delay);
            }

            if (fail?.Invoke(n) == true)
            {
                throw new AuditStoreException("injected");
            }

            await _inner.AppendAsync(records, commit, cancellationToken);
            Interlocked.Add(ref _stored, records.Count);
        }

        public IAsyncEnumerable<AuditStoreEntry> ReadAsync(long fromSequence, CancellationToken cancellationToken = default) => _inner.ReadAsync(fromSequence, cancellationToken);

        public ValueTask SaveCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default) => _inner.SaveCheckpointAsync(checkpoint, cancellationToken);

        public ValueTask<IReadOnlyList<SignedCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default) => _inner.ReadCheckpointsAsync(cancellationToken);

        public ValueTask<long> PruneAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken = default) => _inner.PruneAsync(recordedBefore, cancellationToken);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }

    private static AuditTrail Open(IAuditStore store, Action<AuditTrailOptions>? configure = null)
    {
        var o = new AuditTrailOptions { InMemory = true, CheckpointInterval = TimeSpan.Zero };
        configure?.Invoke(o);
        return new AuditTrail(store, Options.Create(o), new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task StoreThatThrowsEveryOtherWrite_NoStallNoLoss_DenseSequence()
    {
        var store = new SlowStore(TimeSpan.FromMilliseconds(1), n => n % 2 == 0);
        await using var trail = Open(store);
        var ok = 0;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                try
                {
                    await trail.AppendAsync(AuditTestLog.Event((w * 1000) + i, $"w{w}"));
                    Interlocked.Increment(ref ok);
                }
                catch (AuditStoreException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(400, ok + failed);
        Assert.Equal(ok, trail.Count);
        Assert.True((await trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task ManyThenFew_MixedRangesCancelsAndDispose_AllSettleNoneLost()
    {
        var total = 0;
        for (var round = 0; round < 5; round++)
        {
            var store = new SlowStore(round % 2 == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(1));
            var trail = Open(store, o => o.QueueCapacity = 16);
            var acked = new System.Collections.Concurrent.ConcurrentBag<long>();
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));
            var tasks = Enumerable.Range(0, 32).Select(w => Task.Run(async () =>
            {
                var n = w < 4 ? 200 : 10;
                for (var i = 0; i < n; i++)
                {
                    try
                    {
                        if (w % 5 == 0)
                        {
                            var batch = Enumerable.Range(0, 3).Select(k => AuditTestLog.Event((w * 100_000) + (i * 10) + k, $"w{w}")).ToArray();
                            var r = await trail.AppendRangeAsync(batch, w % 3 == 0 ? cts.Token : default);
                            for (var k = 0; k < 3; k++)
                            {
                                acked.Add(r.Sequence + k);
                            }
                        }
                        else
                        {
                            var r = await trail.AppendAsync(AuditTestLog.Event((w * 100_000) + i, $"w{w}"), w % 3 == 0 ? cts.Token : default);
                            acked.Add(r.Sequence);
                        }
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                }
            })).ToArray();
            await Task.Delay(round * 20);
            var dispose = trail.DisposeAsync().AsTask();
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
            await dispose.WaitAsync(TimeSpan.FromSeconds(30));
            var seqs = acked.Order().ToList();
            Assert.Equal(seqs.Count, seqs.Distinct().Count());
            // Every acknowledged record was stored, and only those: the sequence numbers are 0..n-1 without a gap.
            Assert.Equal(store.Stored, seqs.Count);
            Assert.True(seqs.Count == 0 || seqs[^1] == seqs.Count - 1, "dense");
            total += seqs.Count;
        }

        // The rounds that dispose later than at once did append (the first may be refused whole).
        Assert.True(total > 0, "no round appended anything");
    }
}
