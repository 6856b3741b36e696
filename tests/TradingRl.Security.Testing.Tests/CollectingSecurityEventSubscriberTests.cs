using Microsoft.Extensions.Options;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

public sealed class CollectingSecurityEventSubscriberTests
{
    [Fact]
    public async Task HandleAsync_ThroughThePipeline_KeepsEveryEventInOrder()
    {
        var collecting = new CollectingSecurityEventSubscriber();
        await using var pipeline = new SecurityEventPipeline([collecting], Options.Create(new SecurityEventPipelineOptions()));
        var t0 = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        pipeline.Publish(SecurityEventTypes.LoginFailed.CreateEvent(t0));
        pipeline.Publish(SecurityEventTypes.LoginSucceeded.CreateEvent(t0.AddSeconds(1)));
        pipeline.Publish(SecurityEventTypes.LoginFailed.CreateEvent(t0.AddSeconds(2)));
        await pipeline.FlushAsync();

        Assert.Equal(3, collecting.Count);
        Assert.Equal(["auth.login.failed", "auth.login.succeeded", "auth.login.failed"], collecting.Events.Select(e => e.Type));
        Assert.Equal(2, collecting.OfType("auth.login.failed").Count);
        collecting.Clear();
        Assert.Equal(0, collecting.Count);
        Assert.Equal("collecting", collecting.Name);
    }
}
