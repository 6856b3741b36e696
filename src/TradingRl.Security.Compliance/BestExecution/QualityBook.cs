namespace TradingRl.Security.Compliance;

/// <summary>The accumulators of one day (or of all time): the total and one per strategy, instrument and venue, each dimension capped.</summary>
internal sealed class QualityBook(int maxKeys)
{
    public const string OtherKey = "(other)";
    public const string AllKey = "(all)";

    private readonly QualityAccumulator _total = new();
    private readonly Dictionary<string, QualityAccumulator> _strategies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QualityAccumulator> _instruments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QualityAccumulator> _venues = new(StringComparer.Ordinal);

    public long Duplicates { get; set; }

    public long Unpublished { get; set; }

    public void Add(in FillRecord fill, in ExecutionQuality quality)
    {
        _total.Add(fill, quality);
        For(_strategies, fill.Strategy).Add(fill, quality);
        For(_instruments, fill.Instrument).Add(fill, quality);
        For(_venues, fill.Venue).Add(fill, quality);
    }

    public BestExecutionStatistics ToStatistics() => new()
    {
        Total = _total.ToAggregate(ExecutionQualityDimension.Total, AllKey),
        ByStrategy = Snapshot(_strategies, ExecutionQualityDimension.Strategy),
        ByInstrument = Snapshot(_instruments, ExecutionQualityDimension.Instrument),
        ByVenue = Snapshot(_venues, ExecutionQualityDimension.Venue),
        DuplicateFills = Duplicates,
        UnpublishedViolations = Unpublished,
    };

    private static ExecutionQualityAggregate[] Snapshot(Dictionary<string, QualityAccumulator> map, ExecutionQualityDimension dimension) =>
        [.. map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.ToAggregate(dimension, p.Key))];

    private QualityAccumulator For(Dictionary<string, QualityAccumulator> map, string key)
    {
        if (map.TryGetValue(key, out var accumulator))
        {
            return accumulator;
        }

        if (map.Count >= maxKeys)
        {
            key = OtherKey;
            if (map.TryGetValue(key, out accumulator))
            {
                return accumulator;
            }
        }

        accumulator = new QualityAccumulator();
        map.Add(key, accumulator);
        return accumulator;
    }
}
