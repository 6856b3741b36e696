using Microsoft.Extensions.Options;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

/// <summary>Runs alone: it holds every thread-pool thread for a while.</summary>
[CollectionDefinition(nameof(ThreadPoolStarvation), DisableParallelization = true)]
public sealed class ThreadPoolStarvation;

[Collection(nameof(ThreadPoolStarvation))]
public sealed class SecurityEventPipelineStarvationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Publish_ThreadPoolStarved_DedicatedThreadsStillMoveEvents()
    {
        // A trading host whose pool threads are all blocked (by synchronous publishers among others) must still move
        // events: the dispatcher and subscriber threads may not depend on a pool thread to wake up.
        const int Total = 2_000;
        var collected = new CollectingSecurityEventSubscriber();
        using var pipeline = new SecurityEventPipeline(
            [collected],
            Options.Create(new SecurityEventPipelineOptions { Capacity = 16, SubscriberCapacity = 16, MaxBatchSize = 4, PublishTimeout = TimeSpan.FromSeconds(10) }));

        var gate = new ManualResetEventSlim(); // not disposed: queued blockers still read it after the test
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        for (var i = 0; i < minWorkers + 64; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => gate.Wait(), null);
        }

        Exception? failure = null;
        try
        {
            var publisher = new Thread(() =>
            {
                try
                {
                    for (var i = 0; i < Total; i++)
                    {
                        pipeline.Publish(new SecurityEvent("trading.order.submitted", SecuritySeverity.Info, T0.AddMilliseconds(i)));
                    }
                }
#pragma warning disable CA1031 // reported below
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ex;
                }
            });
            publisher.Start();
            Assert.True(publisher.Join(TimeSpan.FromSeconds(20)), "the publisher is still blocked");
            Assert.Null(failure);
            var deadline = Environment.TickCount64 + 10_000;
            while (collected.Count < Total && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(5);
            }

            Assert.Equal(Total, collected.Count);
        }
        finally
        {
            gate.Set();
        }
    }
}
