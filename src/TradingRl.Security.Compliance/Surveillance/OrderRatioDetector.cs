using System.Globalization;

namespace TradingRl.Security.Compliance;

/// <summary>Raises an alert once per account, instrument and UTC day when the order-to-trade ratio or the cancel ratio goes beyond its maximum.</summary>
/// <remarks>Comparisons are multiplications of exact counts (messages &gt; max x executions), so no division rounds a boundary case.</remarks>
internal sealed class OrderRatioDetector(SurveillanceOptions options)
{
    private readonly decimal _maxOrderToTrade = options.MaxOrderToTradeRatio;
    private readonly decimal _maxCancel = options.MaxCancelRatio;
    private readonly int _minOrders = options.RatioMinOrders;

    public void Evaluate(ParticipantState state, in MarketEvent e, DateTimeOffset at, List<SurveillanceAlert> alerts)
    {
        if (state.Adds < _minOrders)
        {
            return;
        }

        var messages = state.OrderMessages;
        if (!state.OrderToTradeAlerted && (state.Executions == 0 || messages > _maxOrderToTrade * state.Executions))
        {
            state.OrderToTradeAlerted = true;
            var measures = new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["order_messages"] = messages,
                ["executions"] = state.Executions,
                ["max_order_to_trade_ratio"] = _maxOrderToTrade,
            };
            var ratio = state.Executions == 0 ? "no executions" : ((decimal)messages / state.Executions).ToString("0.####", CultureInfo.InvariantCulture);
            if (state.Executions > 0)
            {
                measures["order_to_trade_ratio"] = (decimal)messages / state.Executions;
            }

            alerts.Add(new SurveillanceAlert(
                SurveillanceAlertKind.ExcessiveOrderToTradeRatio,
                at,
                e.Instrument,
                e.Account,
                null,
                $"{messages} order messages for {state.Executions} executions today (ratio {ratio}, maximum {_maxOrderToTrade.ToString(CultureInfo.InvariantCulture)}).",
                [SurveillanceEvidence.From(e, at)],
                measures));
        }

        if (!state.CancelRatioAlerted && state.FullCancels > _maxCancel * state.Adds)
        {
            state.CancelRatioAlerted = true;
            var ratio = (decimal)state.FullCancels / state.Adds;
            alerts.Add(new SurveillanceAlert(
                SurveillanceAlertKind.ExcessiveCancelRatio,
                at,
                e.Instrument,
                e.Account,
                null,
                $"{state.FullCancels} of {state.Adds} orders added today were cancelled in full (ratio {ratio.ToString("0.####", CultureInfo.InvariantCulture)}, maximum {_maxCancel.ToString(CultureInfo.InvariantCulture)}).",
                [SurveillanceEvidence.From(e, at)],
                new Dictionary<string, decimal>(StringComparer.Ordinal)
                {
                    ["orders_cancelled"] = state.FullCancels,
                    ["orders_added"] = state.Adds,
                    ["cancel_ratio"] = ratio,
                    ["max_cancel_ratio"] = _maxCancel,
                }));
        }
    }
}
