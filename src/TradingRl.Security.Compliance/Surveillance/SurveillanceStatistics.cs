namespace TradingRl.Security.Compliance;

/// <summary>What the surveillance monitor has seen over one UTC day or since it started.</summary>
public sealed class SurveillanceStatistics
{
    /// <summary>Gets the events observed.</summary>
    public long EventsObserved { get; init; }

    /// <summary>Gets the orders added.</summary>
    public long OrdersAdded { get; init; }

    /// <summary>Gets the order modifications.</summary>
    public long OrdersModified { get; init; }

    /// <summary>Gets the partial cancellations.</summary>
    public long PartialCancellations { get; init; }

    /// <summary>Gets the full cancellations (deletions).</summary>
    public long FullCancellations { get; init; }

    /// <summary>Gets the executions (trades).</summary>
    public long Executions { get; init; }

    /// <summary>Gets the order-to-trade ratio: added, modified and cancelled (partly or fully) orders per execution; <see langword="null"/> without executions.</summary>
    public decimal? OrderToTradeRatio => Executions == 0 ? null : (decimal)(OrdersAdded + OrdersModified + PartialCancellations + FullCancellations) / Executions;

    /// <summary>Gets the cancel ratio: full cancellations per order added; <see langword="null"/> without orders.</summary>
    public decimal? CancelRatio => OrdersAdded == 0 ? null : (decimal)FullCancellations / OrdersAdded;

    /// <summary>Gets the most events of every participant together in any <see cref="SurveillanceOptions.QuoteStuffingWindow"/>.</summary>
    public int PeakEventsPerWindow { get; init; }

    /// <summary>Gets the full cancellations of tracked orders that came within <see cref="SurveillanceOptions.FleetingOrderThreshold"/> of the order's submission.</summary>
    public long FleetingCancellations { get; init; }

    /// <summary>Gets the full cancellations whose order's submission was seen (the base of <see cref="FleetingCancellations"/>).</summary>
    public long TrackedCancellations { get; init; }

    /// <summary>Gets the events stamped earlier than one already seen; they were treated as happening at the latest time seen.</summary>
    public long OutOfOrderEvents { get; init; }

    /// <summary>Gets the orders not tracked because <see cref="SurveillanceOptions.MaxTrackedOrders"/> was reached.</summary>
    public long UntrackedOrders { get; init; }

    /// <summary>Gets the events not run through the per-pair detectors because <see cref="SurveillanceOptions.MaxTrackedKeys"/> was reached.</summary>
    public long UnmonitoredEvents { get; init; }

    /// <summary>Gets the alerts raised, by reason code (e.g. <c>spoofing</c>).</summary>
    public IReadOnlyDictionary<string, long> AlertsByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the alerts the event pipeline refused (closed or full); they are still in <see cref="SurveillanceMonitor.GetRecentAlerts"/> and were logged.</summary>
    public long UnpublishedAlerts { get; init; }
}
