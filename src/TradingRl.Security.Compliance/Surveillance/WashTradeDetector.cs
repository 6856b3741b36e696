using System.Collections.Frozen;
using System.Globalization;

namespace TradingRl.Security.Compliance;

/// <summary>Flags trades with the same beneficial owner on both sides.</summary>
/// <remarks>
/// When the contra account of an execution is known, the trade is a wash trade exactly when both owners are equal.
/// When it is not, a buy and a sell execution of the same owner in the same instrument, for the same quantity, from
/// different orders, within <see cref="SurveillanceOptions.WashTradeWindow"/> and the price tolerance, are taken as the two
/// legs of one wash trade (each execution pairs at most once). Per owner and instrument at most
/// <see cref="MaxCandidates"/> unpaired executions are kept.
/// </remarks>
internal sealed class WashTradeDetector(SurveillanceOptions options)
{
    public const int MaxCandidates = 64;

    private readonly FrozenDictionary<string, string> _owners = options.BeneficialOwners.ToFrozenDictionary(StringComparer.Ordinal);
    private readonly long _windowTicks = options.WashTradeWindow.Ticks;
    private readonly decimal _toleranceBps = options.WashTradePriceToleranceBps;
    private readonly int _maxKeys = options.MaxTrackedKeys;
    private readonly Dictionary<SurveillanceKey, List<SurveillanceEvidence>> _candidates = [];
    private DateOnly _lastSweep;

    public int TrackedKeys => _candidates.Count;

    public string OwnerOf(string account, string? given) =>
        given ?? (_owners.TryGetValue(account, out var owner) ? owner : account);

    /// <summary>Examines an execution by a known account; returns <see langword="false"/> when its owner could not be tracked (key bound reached).</summary>
    public bool OnExecution(in MarketEvent e, DateTimeOffset at, long ticks, DateOnly day, List<SurveillanceAlert> alerts)
    {
        var owner = OwnerOf(e.Account!, e.Owner);
        if (e.ContraAccount is not null)
        {
            var contraOwner = OwnerOf(e.ContraAccount, e.ContraOwner);
            if (string.Equals(owner, contraOwner, StringComparison.Ordinal))
            {
                alerts.Add(new SurveillanceAlert(
                    SurveillanceAlertKind.WashTrade,
                    at,
                    e.Instrument,
                    e.Account,
                    owner,
                    $"Execution of order {e.OrderId} between accounts with the same beneficial owner (contra account known).",
                    [SurveillanceEvidence.From(e, at)],
                    new Dictionary<string, decimal>(StringComparer.Ordinal) { ["contra_known"] = 1m }));
            }

            return true;
        }

        if (_windowTicks == 0)
        {
            return true;
        }

        var key = new SurveillanceKey(owner, e.Instrument);
        if (!_candidates.TryGetValue(key, out var list))
        {
            if (_candidates.Count >= _maxKeys && !Sweep(ticks, day))
            {
                return false;
            }

            list = new List<SurveillanceEvidence>(4);
            _candidates.Add(key, list);
        }

        var expired = 0;
        while (expired < list.Count && ticks - list[expired].Timestamp.UtcTicks > _windowTicks)
        {
            expired++;
        }

        if (expired > 0)
        {
            list.RemoveRange(0, expired);
        }

        for (var i = 0; i < list.Count; i++)
        {
            var c = list[i];
            if (c.Side == e.Side || c.Quantity != e.Quantity || (c.OrderId != 0 && c.OrderId == e.OrderId))
            {
                continue;
            }

            var difference = Math.Abs(c.Price - e.Price);
            if (difference * 10_000m > _toleranceBps * e.Price)
            {
                continue;
            }

            list.RemoveAt(i);
            var gapMs = (decimal)TimeSpan.FromTicks(ticks - c.Timestamp.UtcTicks).TotalMilliseconds;
            var differenceBps = e.Price == 0 ? 0m : difference * 10_000m / e.Price;
            alerts.Add(new SurveillanceAlert(
                SurveillanceAlertKind.WashTrade,
                at,
                e.Instrument,
                e.Account,
                owner,
                $"Buy and sell of the same quantity by one beneficial owner {gapMs.ToString(CultureInfo.InvariantCulture)} ms apart, prices {differenceBps.ToString("0.####", CultureInfo.InvariantCulture)} bps apart (orders {c.OrderId} and {e.OrderId}).",
                [c, SurveillanceEvidence.From(e, at)],
                new Dictionary<string, decimal>(StringComparer.Ordinal)
                {
                    ["contra_known"] = 0m,
                    ["ms_between_legs"] = gapMs,
                    ["price_difference_bps"] = differenceBps,
                    ["price_tolerance_bps"] = _toleranceBps,
                    ["same_account"] = string.Equals(c.Account, e.Account, StringComparison.Ordinal) ? 1m : 0m,
                }));
            return true;
        }

        if (list.Count == MaxCandidates)
        {
            list.RemoveAt(0);
        }

        list.Add(SurveillanceEvidence.From(e, at));
        return true;
    }

    // Drops owners whose candidates have all expired; at most once a day, so a full table costs one pass per day.
    private bool Sweep(long ticks, DateOnly day)
    {
        if (_lastSweep == day)
        {
            return false;
        }

        _lastSweep = day;
        List<SurveillanceKey>? stale = null;
        foreach (var (key, list) in _candidates)
        {
            if (list.Count == 0 || ticks - list[^1].Timestamp.UtcTicks > _windowTicks)
            {
                (stale ??= []).Add(key);
            }
        }

        foreach (var key in stale ?? [])
        {
            _candidates.Remove(key);
        }

        return _candidates.Count < _maxKeys;
    }
}
