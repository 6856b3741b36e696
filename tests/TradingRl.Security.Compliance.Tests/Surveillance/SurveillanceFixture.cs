using Microsoft.Extensions.Options;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Compliance.Tests;

/// <summary>A surveillance monitor wired to a real event pipeline with a collecting subscriber, and helpers to feed it.</summary>
internal sealed class SurveillanceFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 3, 14, 0, 0, TimeSpan.Zero);

    public SurveillanceFixture(Action<SurveillanceOptions>? configure = null, ISecurityEventSubscriber? alsoSubscribed = null)
    {
        var options = new SurveillanceOptions();
        configure?.Invoke(options);
        Pipeline = new SecurityEventPipeline(alsoSubscribed is null ? [Events] : [Events, alsoSubscribed], Options.Create(new SecurityEventPipelineOptions()));
        Monitor = new SurveillanceMonitor(Options.Create(options), Pipeline);
    }

    public CollectingSecurityEventSubscriber Events { get; } = new();

    public SecurityEventPipeline Pipeline { get; }

    public SurveillanceMonitor Monitor { get; }

    public static DateTimeOffset At(double seconds) => T0.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    public int Add(long id, string? account, MarketSide side, decimal price, decimal quantity, DateTimeOffset at, string instrument = "XYZ") =>
        Monitor.Observe(new MarketEvent { Kind = MarketEventKind.OrderAdded, Timestamp = at, Instrument = instrument, Side = side, OrderId = id, Price = price, Quantity = quantity, Account = account });

    public int Cancel(long id, string? account, MarketSide side, decimal price, decimal quantity, DateTimeOffset at, string instrument = "XYZ") =>
        Monitor.Observe(new MarketEvent { Kind = MarketEventKind.OrderCancelled, Timestamp = at, Instrument = instrument, Side = side, OrderId = id, Price = price, Quantity = quantity, Account = account });

    public int Execute(long id, string? account, MarketSide side, decimal price, decimal quantity, DateTimeOffset at, string? contra = null, bool aggressor = false, string instrument = "XYZ") =>
        Monitor.Observe(new MarketEvent { Kind = MarketEventKind.OrderExecuted, Timestamp = at, Instrument = instrument, Side = side, OrderId = id, Price = price, Quantity = quantity, Account = account, ContraAccount = contra, IsAggressor = aggressor });

    public async Task<IReadOnlyList<SecurityEvent>> PublishedAlertsAsync()
    {
        await Pipeline.FlushAsync();
        return Events.OfType(SecurityEventTypes.SurveillanceAlert.Type);
    }

    public async ValueTask DisposeAsync()
    {
        Monitor.Dispose();
        await Pipeline.DisposeAsync();
    }
}
