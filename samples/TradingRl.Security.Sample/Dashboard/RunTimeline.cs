namespace TradingRl.Security.Sample.Dashboard;

/// <summary>The run's time series for the dashboard, in one-minute buckets of market (replay) time.</summary>
/// <remarks>Orders are counted once each, by outcome; P&amp;L keeps the last sample of each minute; alerts and incidents keep their own times.</remarks>
public sealed class RunTimeline(TimeProvider time)
{
    /// <summary>The outcome key of an order that reached the market.</summary>
    public const string Allowed = "allowed";

    private readonly DateTimeOffset _start = time.GetUtcNow();
    private readonly SortedDictionary<long, Dictionary<string, long>> _orders = [];
    private readonly SortedDictionary<long, Dictionary<string, long>> _alerts = [];
    private readonly SortedDictionary<long, PnlPoint> _pnl = [];
    private readonly List<IncidentPoint> _incidents = [];
    private long _lastPnlBucket = -1;

    /// <summary>Gets the market time the timeline starts at.</summary>
    public DateTimeOffset Start => _start;

    /// <summary>Gets the orders per minute by outcome: <see cref="Allowed"/> or the denial reason.</summary>
    public IReadOnlyDictionary<long, Dictionary<string, long>> Orders => _orders;

    /// <summary>Gets the surveillance alerts per minute by kind.</summary>
    public IReadOnlyDictionary<long, Dictionary<string, long>> Alerts => _alerts;

    /// <summary>Gets the last P&amp;L sample of each minute.</summary>
    public IReadOnlyDictionary<long, PnlPoint> Pnl => _pnl;

    /// <summary>Gets the incidents with their time to acknowledge and target.</summary>
    public IReadOnlyList<IncidentPoint> Incidents => _incidents;

    /// <summary>Counts an agent order by outcome, at the current market time.</summary>
    /// <param name="denialReason">Why it was refused, or <see langword="null"/> when it went to the market.</param>
    public void RecordOrder(string? denialReason) => Add(_orders, Bucket(time.GetUtcNow()), denialReason ?? Allowed);

    /// <summary>Counts a surveillance alert by kind at the time it was detected.</summary>
    public void RecordAlert(string kind, DateTimeOffset detectedAt) => Add(_alerts, Bucket(detectedAt), kind);

    /// <summary>Tells whether the current minute has no P&amp;L sample yet (so the caller samples once a minute, not per row).</summary>
    public bool NeedsPnlSample => Bucket(time.GetUtcNow()) != _lastPnlBucket;

    /// <summary>Records the P&amp;L of the current minute, replacing an earlier sample of the same minute.</summary>
    public void RecordPnl(PnlPoint point)
    {
        _lastPnlBucket = Bucket(time.GetUtcNow());
        _pnl[_lastPnlBucket] = point;
    }

    /// <summary>Records an incident's time to acknowledge against its target.</summary>
    public void RecordIncident(IncidentPoint incident) => _incidents.Add(incident);

    private long Bucket(DateTimeOffset at) => Math.Max(0, (long)Math.Floor((at - _start).TotalMinutes));

    private static void Add(SortedDictionary<long, Dictionary<string, long>> series, long bucket, string key)
    {
        if (!series.TryGetValue(bucket, out var counts))
        {
            series[bucket] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
    }
}
