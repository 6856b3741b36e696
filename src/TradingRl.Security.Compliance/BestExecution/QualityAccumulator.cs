namespace TradingRl.Security.Compliance;

/// <summary>The running sums behind one <see cref="ExecutionQualityAggregate"/>; guarded by the monitor's lock.</summary>
internal sealed class QualityAccumulator
{
    private long _fills;
    private long _outliers;
    private decimal _quantity;
    private decimal _notional;
    private decimal _arrivalNotional;
    private decimal _slippageCost;
    private decimal _shortfall;
    private decimal _spreadBpsSum;
    private decimal _worstSlippageBps = decimal.MinValue;

    public void Add(in FillRecord fill, in ExecutionQuality quality)
    {
        var arrivalNotional = fill.ArrivalPrice * fill.Quantity;
        _fills++;
        _outliers += quality.IsOutlier ? 1 : 0;
        _quantity += fill.Quantity;
        _notional += quality.Notional;
        _arrivalNotional += arrivalNotional;
        _slippageCost += quality.ImplementationShortfall - fill.Fees;
        _shortfall += quality.ImplementationShortfall;
        _spreadBpsSum += quality.EffectiveSpreadBps;
        _worstSlippageBps = Math.Max(_worstSlippageBps, quality.ArrivalSlippageBps);
    }

    public ExecutionQualityAggregate ToAggregate(ExecutionQualityDimension dimension, string key) => new()
    {
        Dimension = dimension,
        Key = key,
        Fills = _fills,
        Outliers = _outliers,
        Quantity = _quantity,
        Notional = _notional,
        ArrivalNotional = _arrivalNotional,
        SlippageBps = _arrivalNotional == 0 ? 0 : _slippageCost * 10_000m / _arrivalNotional,
        ImplementationShortfall = _shortfall,
        ImplementationShortfallBps = _arrivalNotional == 0 ? 0 : _shortfall * 10_000m / _arrivalNotional,
        MeanEffectiveSpreadBps = _fills == 0 ? 0 : _spreadBpsSum / _fills,
        WorstSlippageBps = _fills == 0 ? 0 : _worstSlippageBps,
    };
}
