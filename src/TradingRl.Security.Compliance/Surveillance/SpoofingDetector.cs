using System.Globalization;

namespace TradingRl.Security.Compliance;

/// <summary>Flags an account whose orders on one side are cancelled soon after one of its executions on the other side (spoofing), over several price levels (layering).</summary>
/// <remarks>
/// An episode starts with an execution on side B and is extended by further side-B executions within the window.
/// A full cancellation on the opposite side within the window of the episode's last execution counts when the cancelled
/// order was already resting at that execution (or was never seen: unknown orders count, so missing data errs towards
/// an alert). The alert fires when the cancelled quantity reaches the configured multiple of the executed quantity.
/// </remarks>
internal sealed class SpoofingDetector(SurveillanceOptions options)
{
    private readonly long _windowTicks = options.SpoofingWindow.Ticks;
    private readonly int _minCancelled = options.SpoofingMinCancelledOrders;
    private readonly decimal _minRatio = options.SpoofingMinCancelledToExecutedRatio;
    private readonly int _minLevels = options.LayeringMinPriceLevels;

    public void OnExecution(ParticipantState state, in MarketEvent e, DateTimeOffset at, long ticks)
    {
        ref var slot = ref e.Side == MarketSide.Buy ? ref state.BuyExecutions : ref state.SellExecutions;
        var episode = slot ??= new SpoofingEpisode();
        if (!episode.Active || ticks - episode.LastExecutionTicks > _windowTicks)
        {
            episode.Start();
        }

        episode.LastExecutionTicks = ticks;
        episode.ExecutedQuantity += e.Quantity;
        if (episode.Executions.Count < SpoofingEpisode.MaxEvidence)
        {
            episode.Executions.Add(SurveillanceEvidence.From(e, at));
        }
    }

    public void OnFullCancel(
        ParticipantState state,
        in MarketEvent e,
        DateTimeOffset at,
        long ticks,
        bool orderKnown,
        in TrackedOrder order,
        List<SurveillanceAlert> alerts)
    {
        var episode = e.Side == MarketSide.Buy ? state.SellExecutions : state.BuyExecutions;
        if (episode is null || !episode.Active || ticks - episode.LastExecutionTicks > _windowTicks)
        {
            return;
        }

        if (orderKnown && order.AddedTicks > episode.LastExecutionTicks)
        {
            return;
        }

        var quantity = e.Quantity > 0 || !orderKnown ? e.Quantity : order.Remaining;
        var price = e.Price > 0 || !orderKnown ? e.Price : order.Price;
        episode.CancelledQuantity += quantity;
        episode.CancelledOrders++;
        episode.AddPriceLevel(price);
        if (episode.Cancellations.Count < SpoofingEpisode.MaxEvidence)
        {
            episode.Cancellations.Add(SurveillanceEvidence.From(e, at) with { Quantity = quantity, Price = price });
        }

        var ratio = episode.CancelledQuantity / episode.ExecutedQuantity;
        if (ratio < _minRatio)
        {
            return;
        }

        SurveillanceAlertKind kind;
        if (!episode.LayeringAlerted && episode.PriceLevels.Count >= _minLevels)
        {
            kind = SurveillanceAlertKind.Layering;
            episode.LayeringAlerted = true;
            episode.SpoofingAlerted = true;
        }
        else if (!episode.SpoofingAlerted && episode.CancelledOrders >= _minCancelled)
        {
            kind = SurveillanceAlertKind.Spoofing;
            episode.SpoofingAlerted = true;
        }
        else
        {
            return;
        }

        var evidence = new List<SurveillanceEvidence>(episode.Executions.Count + episode.Cancellations.Count);
        evidence.AddRange(episode.Executions);
        evidence.AddRange(episode.Cancellations);
        var afterMs = (decimal)TimeSpan.FromTicks(ticks - episode.LastExecutionTicks).TotalMilliseconds;
        alerts.Add(new SurveillanceAlert(
            kind,
            at,
            e.Instrument,
            e.Account,
            null,
            $"{episode.CancelledOrders} {e.Side} order(s) over {episode.PriceLevels.Count} price level(s) cancelled {afterMs.ToString(CultureInfo.InvariantCulture)} ms after a {(e.Side == MarketSide.Buy ? MarketSide.Sell : MarketSide.Buy)} execution; cancelled/executed quantity {ratio.ToString("0.####", CultureInfo.InvariantCulture)} (minimum {_minRatio.ToString(CultureInfo.InvariantCulture)}).",
            evidence,
            new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["cancelled_orders"] = episode.CancelledOrders,
                ["price_levels"] = episode.PriceLevels.Count,
                ["cancelled_to_executed_ratio"] = ratio,
                ["min_cancelled_to_executed_ratio"] = _minRatio,
                ["ms_after_execution"] = afterMs,
                ["window_ms"] = (decimal)options.SpoofingWindow.TotalMilliseconds,
            }));
    }
}
