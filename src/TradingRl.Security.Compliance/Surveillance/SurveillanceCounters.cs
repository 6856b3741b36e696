namespace TradingRl.Security.Compliance;

/// <summary>The mutable counters behind one <see cref="SurveillanceStatistics"/>; guarded by the monitor's lock.</summary>
internal sealed class SurveillanceCounters
{
    public long Events;
    public long Adds;
    public long Modifies;
    public long PartialCancels;
    public long FullCancels;
    public long Executions;
    public int PeakEventsPerWindow;
    public long Fleeting;
    public long TrackedCancels;
    public long OutOfOrder;
    public long UntrackedOrders;
    public long Unmonitored;
    public long Unpublished;
    public readonly long[] Alerts = new long[Enum.GetValues<SurveillanceAlertKind>().Length];

    public void Count(MarketEventKind kind)
    {
        Events++;
        switch (kind)
        {
            case MarketEventKind.OrderAdded: Adds++; break;
            case MarketEventKind.OrderModified: Modifies++; break;
            case MarketEventKind.OrderPartiallyCancelled: PartialCancels++; break;
            case MarketEventKind.OrderCancelled: FullCancels++; break;
            default: Executions++; break;
        }
    }

    public SurveillanceStatistics ToStatistics()
    {
        var alerts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < Alerts.Length; i++)
        {
            if (Alerts[i] > 0)
            {
                alerts[SurveillanceAlert.ReasonCodeOf((SurveillanceAlertKind)i)] = Alerts[i];
            }
        }

        return new SurveillanceStatistics
        {
            EventsObserved = Events,
            OrdersAdded = Adds,
            OrdersModified = Modifies,
            PartialCancellations = PartialCancels,
            FullCancellations = FullCancels,
            Executions = Executions,
            PeakEventsPerWindow = PeakEventsPerWindow,
            FleetingCancellations = Fleeting,
            TrackedCancellations = TrackedCancels,
            OutOfOrderEvents = OutOfOrder,
            UntrackedOrders = UntrackedOrders,
            UnmonitoredEvents = Unmonitored,
            AlertsByReason = alerts,
            UnpublishedAlerts = Unpublished,
        };
    }
}
