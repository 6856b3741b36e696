using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Benchmarks.Core;

/// <summary>Publishing one security event through the lossless pipeline, beside a bare bounded channel write (the peer).</summary>
/// <remarks>Each operation makes the event and publishes it, so the allocation column shows the whole cost of a publish.</remarks>
[MemoryDiagnoser]
public class EventPublishBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);
    private SecurityEventPipeline _pipeline = null!;
    private Channel<SecurityEvent> _channel = null!;
    private Task _channelDrain = null!;
    private SecurityEvent _prebuilt = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new SecurityEventPipeline([new CountingSubscriber()], Options.Create(new SecurityEventPipelineOptions { Capacity = 1 << 16 }));
        _channel = Channel.CreateBounded<SecurityEvent>(new BoundedChannelOptions(1 << 16) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _channelDrain = Task.Run(async () =>
        {
            await foreach (var e in _channel.Reader.ReadAllAsync())
            {
                GC.KeepAlive(e);
            }
        });
        _prebuilt = SecurityEventTypes.OrderDenied.CreateEvent(T0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipeline.Dispose();
        _channel.Writer.Complete();
        _channelDrain.Wait();
    }

    [Benchmark(Baseline = true, Description = "Pipeline.Publish, prebuilt event (ours)")]
    public void PublishPrebuilt() => _pipeline.Publish(_prebuilt);

    [Benchmark(Description = "new SecurityEvent + Pipeline.Publish (ours)")]
    public void CreateAndPublish() => _pipeline.Publish(new SecurityEvent("trading.order.denied", SecuritySeverity.Medium, T0) { Actor = "agent-1", Outcome = SecurityOutcome.Denied });

    [Benchmark(Description = "Channel.TryWrite, prebuilt event (peer)")]
    public bool ChannelWrite() => _channel.Writer.TryWrite(_prebuilt) || _channel.Writer.WriteAsync(_prebuilt).AsTask().Wait(Timeout.Infinite);

    private sealed class CountingSubscriber : ISecurityEventSubscriber
    {
        private long _count;

        public string Name => "counting";

        public ValueTask HandleAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken)
        {
            _count += events.Length;
            return ValueTask.CompletedTask;
        }
    }
}
