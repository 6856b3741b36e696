using System.Globalization;

namespace TradingRl.Security.Compliance;

/// <summary>Keeps each instrument's recent trades and, at the close, flags accounts whose aggressive trading in the last minutes moved the closing price.</summary>
/// <remarks>
/// The reference price is the last trade at or before the window start (the first trade in the window when there was
/// none). The move is (close - reference) / reference x 10,000 bps. An account is flagged when the move reaches the
/// minimum and the quantity it took aggressively in the move's direction (buying into a rise, selling into a fall)
/// reaches the minimum share of all quantity traded in the window. At most <see cref="MaxTradesPerInstrument"/> trades
/// are kept per instrument.
/// </remarks>
internal sealed class MarkingTheCloseDetector(SurveillanceOptions options)
{
    public const int MaxTradesPerInstrument = 262_144;

    private readonly long _windowTicks = options.MarkingTheCloseWindow.Ticks;
    private readonly decimal _minMoveBps = options.MarkingTheCloseMinPriceMoveBps;
    private readonly decimal _minShare = options.MarkingTheCloseMinVolumeShare;
    private readonly int _maxInstruments = options.MaxTrackedKeys;
    private readonly Dictionary<string, Tracker> _trackers = new(StringComparer.Ordinal);

    public bool OnExecution(in MarketEvent e, DateTimeOffset at, long ticks)
    {
        if (!_trackers.TryGetValue(e.Instrument, out var tracker))
        {
            if (_trackers.Count >= _maxInstruments)
            {
                return false;
            }

            tracker = new Tracker();
            _trackers.Add(e.Instrument, tracker);
        }

        var trades = tracker.Trades;
        while (trades.Count > 0 && (trades.Peek().Ticks <= ticks - _windowTicks || trades.Count >= MaxTradesPerInstrument))
        {
            tracker.ReferencePrice = trades.Dequeue().Price;
        }

        var aggressorSide = e.IsAggressor ? e.Side : Opposite(e.Side);
        var aggressor = e.IsAggressor ? e.Account : e.ContraAccount;
        trades.Enqueue(new Trade(ticks, e.Price, e.Quantity, aggressorSide, aggressor, e.IsAggressor ? e.OrderId : 0, at));
        return true;
    }

    public void Close(string instrument, decimal closingPrice, DateTimeOffset closeTime, List<SurveillanceAlert> alerts)
    {
        if (!_trackers.Remove(instrument, out var tracker))
        {
            return;
        }

        var closeTicks = closeTime.UtcTicks;
        var cutoff = closeTicks - _windowTicks;
        var reference = tracker.ReferencePrice;
        var total = 0m;
        var window = new List<Trade>();
        foreach (var t in tracker.Trades)
        {
            if (t.Ticks <= cutoff)
            {
                reference = t.Price;
            }
            else if (t.Ticks <= closeTicks)
            {
                window.Add(t);
                total += t.Quantity;
            }
        }

        if (window.Count == 0 || total == 0)
        {
            return;
        }

        var referencePrice = reference ?? window[0].Price;
        var moveBps = (closingPrice - referencePrice) * 10_000m / referencePrice;
        if (Math.Abs(moveBps) < _minMoveBps)
        {
            return;
        }

        var direction = moveBps > 0 ? MarketSide.Buy : MarketSide.Sell;
        var byAccount = new Dictionary<string, (decimal Quantity, int Trades)>(StringComparer.Ordinal);
        foreach (var t in window)
        {
            if (t.Aggressor is not null && t.AggressorSide == direction)
            {
                byAccount.TryGetValue(t.Aggressor, out var sum);
                byAccount[t.Aggressor] = (sum.Quantity + t.Quantity, sum.Trades + 1);
            }
        }

        foreach (var (account, sum) in byAccount.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var share = sum.Quantity / total;
            if (share < _minShare)
            {
                continue;
            }

            var evidence = window
                .Where(t => string.Equals(t.Aggressor, account, StringComparison.Ordinal) && t.AggressorSide == direction)
                .TakeLast(32)
                .Select(t => new SurveillanceEvidence(MarketEventKind.OrderExecuted, t.At, t.OrderId, account, t.AggressorSide, t.Price, t.Quantity))
                .ToList();
            alerts.Add(new SurveillanceAlert(
                SurveillanceAlertKind.MarkingTheClose,
                closeTime,
                instrument,
                account,
                null,
                $"{sum.Trades} aggressive {direction} execution(s) took {share.ToString("0.####", CultureInfo.InvariantCulture)} of the quantity traded in the last {options.MarkingTheCloseWindow.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min while the close moved {moveBps.ToString("0.##", CultureInfo.InvariantCulture)} bps.",
                evidence,
                new Dictionary<string, decimal>(StringComparer.Ordinal)
                {
                    ["price_move_bps"] = moveBps,
                    ["min_price_move_bps"] = _minMoveBps,
                    ["volume_share"] = share,
                    ["min_volume_share"] = _minShare,
                    ["aggressive_trades"] = sum.Trades,
                    ["window_trades"] = window.Count,
                }));
        }
    }

    private static MarketSide Opposite(MarketSide side) => side == MarketSide.Buy ? MarketSide.Sell : MarketSide.Buy;

    private sealed class Tracker
    {
        public Queue<Trade> Trades { get; } = new();

        public decimal? ReferencePrice { get; set; }
    }

    private readonly record struct Trade(long Ticks, decimal Price, decimal Quantity, MarketSide AggressorSide, string? Aggressor, long OrderId, DateTimeOffset At);
}
