using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

public sealed class SecurityEventPipelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);

    private static SecurityEvent NewEvent(int i) => new("trading.order.submitted", SecuritySeverity.Info, T0.AddMilliseconds(i))
    {
        Actor = "agent-" + (i % 7),
        Properties = new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static SecurityEventPipeline NewPipeline(SecurityEventPipelineOptions options, params ISecurityEventSubscriber[] subscribers) =>
        new(subscribers, Options.Create(options));

    [Fact]
    public async Task PublishAsync_TenTimesOverloadWithThrowingAndStalledSubscribers_LosesNoEvent()
    {
        const int Capacity = 64;
        const int Total = 10 * (Capacity + 64); // ten times what the queues hold
        var healthy = new CollectingSecurityEventSubscriber();
        var stalled = new StallingSubscriber(TimeSpan.FromMilliseconds(300));
        var throwing = new ThrowingSubscriber();
        var options = new SecurityEventPipelineOptions
        {
            Capacity = Capacity,
            SubscriberCapacity = 64,
            MaxBatchSize = 16,
            MaxDeliveryAttempts = 2,
            RetryDelay = TimeSpan.Zero,
        };
        await using var pipeline = NewPipeline(options, healthy, stalled, throwing);

        var publishers = Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            for (var i = p; i < Total; i += 4)
            {
                await pipeline.PublishAsync(NewEvent(i));
            }
        }));
        await Task.WhenAll(publishers);
        await pipeline.StopAsync();

        var stats = pipeline.GetStatistics();
        Assert.Equal(Total, stats.Published);
        Assert.Equal(Total, healthy.Count);
        Assert.Equal(Total, stalled.Received);
        Assert.Equal(Enumerable.Range(0, Total).ToHashSet(), healthy.Events.Select(e => int.Parse(e.GetProperty("n")!, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet());

        var thrower = stats.Subscribers.Single(s => s.Name == "throwing");
        Assert.Equal(Total, thrower.DeadLettered + thrower.Delivered);
        Assert.Equal(Total, thrower.DeadLettered);
        Assert.True(thrower.DeliveryFailures >= 2, "each dead-lettered batch failed twice");
        Assert.Equal(0, stats.QueueDepth);
    }

    [Fact]
    public async Task Publish_QueueFullPastTimeout_ThrowsTypedExceptionAndCounts()
    {
        var gate = new StallingSubscriber(TimeSpan.FromSeconds(30));
        var options = new SecurityEventPipelineOptions
        {
            Capacity = 16,
            SubscriberCapacity = 16,
            MaxBatchSize = 1,
            PublishTimeout = TimeSpan.FromMilliseconds(50),
            DeliveryTimeout = TimeSpan.FromSeconds(60),
        };
        var pipeline = NewPipeline(options, gate);
        var accepted = 0;
        var ex = Assert.Throws<SecurityEventPublishTimeoutException>(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                pipeline.Publish(NewEvent(i));
                accepted++;
            }
        });
        Assert.Contains("was not accepted", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, pipeline.GetStatistics().PublishTimeouts);
        Assert.Equal(accepted, pipeline.GetStatistics().Published);

        gate.Release();
        await pipeline.StopAsync();
        Assert.Equal(accepted, gate.Received);
        await pipeline.DisposeAsync();
    }

    [Fact]
    public async Task StopAsync_WithQueuedEvents_DrainsEveryAcceptedEvent()
    {
        var slow = new StallingSubscriber(TimeSpan.FromMilliseconds(200));
        var collected = new CollectingSecurityEventSubscriber();
        await using var pipeline = NewPipeline(new SecurityEventPipelineOptions { Capacity = 4096 }, slow, collected);
        for (var i = 0; i < 2000; i++)
        {
            pipeline.Publish(NewEvent(i));
        }

        await pipeline.StopAsync();

        Assert.Equal(2000, slow.Received);
        Assert.Equal(2000, collected.Count);
        Assert.True(pipeline.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Publish_AfterStop_ThrowsClosedException()
    {
        var pipeline = NewPipeline(new SecurityEventPipelineOptions(), new CollectingSecurityEventSubscriber());
        await pipeline.StopAsync();

        Assert.Throws<SecurityEventPipelineClosedException>(() => pipeline.Publish(NewEvent(1)));
        await Assert.ThrowsAsync<SecurityEventPipelineClosedException>(() => pipeline.PublishAsync(NewEvent(2)).AsTask());
        await Assert.ThrowsAsync<SecurityEventPipelineClosedException>(() => pipeline.FlushAsync().AsTask());
        await pipeline.DisposeAsync();
    }

    [Fact]
    public async Task Publish_Null_ThrowsArgumentNull()
    {
        await using var pipeline = NewPipeline(new SecurityEventPipelineOptions());
        Assert.Throws<ArgumentNullException>(() => pipeline.Publish(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => pipeline.PublishAsync(null!).AsTask());
    }

    [Fact]
    public async Task FlushAsync_AfterPublishing_EveryEventDeliveredInOrder()
    {
        var collected = new CollectingSecurityEventSubscriber();
        await using var pipeline = NewPipeline(new SecurityEventPipelineOptions { MaxBatchSize = 7 }, collected);
        for (var i = 0; i < 500; i++)
        {
            pipeline.Publish(NewEvent(i));
        }

        await pipeline.FlushAsync();

        Assert.Equal(500, collected.Count);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), collected.Events.Select(e => e.GetProperty("n")));
    }

    [Fact]
    public async Task FlushAsync_NoSubscribers_Completes()
    {
        await using var pipeline = NewPipeline(new SecurityEventPipelineOptions());
        pipeline.Publish(NewEvent(1));
        await pipeline.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, pipeline.GetStatistics().Published);
    }

    [Fact]
    public async Task HandleAsync_FailsOnceThenSucceeds_RetriedAndDelivered()
    {
        var flaky = new FlakySubscriber(failures: 1);
        await using var pipeline = NewPipeline(new SecurityEventPipelineOptions { RetryDelay = TimeSpan.Zero }, flaky);
        pipeline.Publish(NewEvent(1));
        await pipeline.FlushAsync();

        var s = pipeline.GetStatistics().Subscribers.Single();
        Assert.Equal(1, s.Delivered);
        Assert.Equal(1, s.DeliveryFailures);
        Assert.Equal(0, s.DeadLettered);
        Assert.Equal(2, flaky.Calls);
    }

    [Fact]
    public async Task Publish_ManyConcurrentPublishers_CountInEqualsCountOut()
    {
        var collected = new CollectingSecurityEventSubscriber();
        await using var pipeline = NewPipeline(new SecurityEventPipelineOptions { Capacity = 32, SubscriberCapacity = 32 }, collected);
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => pipeline.Publish(NewEvent(i)));
        await pipeline.FlushAsync();

        Assert.Equal(20_000, collected.Count);
        Assert.Equal(20_000, collected.Events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task Metrics_PublishAndDeliver_RecordedOnTheSuiteMeter()
    {
        using var meterFactory = new TestMeterFactory();
        var thrower = new ThrowingSubscriber();
        var pipeline = new SecurityEventPipeline(
            [thrower],
            Options.Create(new SecurityEventPipelineOptions { MaxDeliveryAttempts = 1 }),
            null,
            meterFactory);
        var meter = meterFactory.Meters.Single(m => m.Name == TradingSecurityTelemetry.Name);
        using var published = new MetricCollector<long>(meter, TradingSecurityTelemetry.EventsPublished);
        using var dead = new MetricCollector<long>(meter, TradingSecurityTelemetry.EventsDeadLettered);

        pipeline.Publish(new SecurityEvent("auth.login.failed", SecuritySeverity.Low, T0));
        await pipeline.StopAsync();

        Assert.Equal(1, published.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal("low", published.LastMeasurement!.Tags["severity"]);
        Assert.Equal(1, dead.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal("throwing", dead.LastMeasurement!.Tags["subscriber"]);
        await pipeline.DisposeAsync();
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsOptionsValidationNamingTheSetting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => NewPipeline(new SecurityEventPipelineOptions { Capacity = 0 }));
        Assert.Contains("Capacity", ex.Message, StringComparison.Ordinal);
    }

    private sealed class StallingSubscriber(TimeSpan stall) : ISecurityEventSubscriber
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _received;
        private int _first = 1;

        public string Name => "stalled";

        public int Received => Volatile.Read(ref _received);

        public void Release() => _release.TrySetResult();

        public async ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _first, 0) == 1)
            {
                await Task.WhenAny(Task.Delay(stall, CancellationToken.None), _release.Task);
            }

            Interlocked.Add(ref _received, events.Length);
        }
    }

    private sealed class ThrowingSubscriber : ISecurityEventSubscriber
    {
        public string Name => "throwing";

        public ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("subscriber failure for the test");
    }

    private sealed class FlakySubscriber(int failures) : ISecurityEventSubscriber
    {
        private int _calls;

        public string Name => "flaky";

        public int Calls => _calls;

        public ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= failures)
            {
                throw new IOException("transient");
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        private readonly ConcurrentBag<System.Diagnostics.Metrics.Meter> _meters = [];

        public IEnumerable<System.Diagnostics.Metrics.Meter> Meters => _meters;

        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
        {
            var m = new System.Diagnostics.Metrics.Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(m);
            return m;
        }

        public void Dispose()
        {
            foreach (var m in _meters)
            {
                m.Dispose();
            }
        }
    }
}
