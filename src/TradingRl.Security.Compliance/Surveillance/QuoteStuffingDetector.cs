using System.Globalization;

namespace TradingRl.Security.Compliance;

/// <summary>Counts order messages per account and instrument in a sliding window and raises an alert when the count goes beyond the maximum.</summary>
/// <remarks>One alert per burst: the detector re-arms once a message finds the window back at or below the maximum. State per pair is a ring of at most the next power of two above the maximum.</remarks>
internal sealed class QuoteStuffingDetector(SurveillanceOptions options)
{
    private readonly int _max = options.MaxMessagesPerWindow;
    private readonly long _windowTicks = options.QuoteStuffingWindow.Ticks;

    public void OnMessage(ParticipantState state, in MarketEvent e, DateTimeOffset at, long ticks, List<SurveillanceAlert> alerts)
    {
        var window = state.Messages ??= new TimestampWindow(8, _max + 1);
        var count = window.Add(ticks, _windowTicks);
        if (count <= _max)
        {
            state.StuffingArmed = true;
            return;
        }

        if (!state.StuffingArmed)
        {
            return;
        }

        state.StuffingArmed = false;
        var windowStart = new DateTimeOffset(window.OldestTicks, TimeSpan.Zero);
        alerts.Add(new SurveillanceAlert(
            SurveillanceAlertKind.QuoteStuffing,
            at,
            e.Instrument,
            e.Account,
            null,
            $"{count} order messages between {windowStart.ToString("O", CultureInfo.InvariantCulture)} and {at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)} (maximum {_max} per {options.QuoteStuffingWindow.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms).",
            [SurveillanceEvidence.From(e, at)],
            new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["messages_in_window"] = count,
                ["max_messages_per_window"] = _max,
                ["window_ms"] = (decimal)options.QuoteStuffingWindow.TotalMilliseconds,
            }));
    }
}
