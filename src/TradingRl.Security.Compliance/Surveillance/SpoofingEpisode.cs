namespace TradingRl.Security.Compliance;

/// <summary>The executions on one side of an account and instrument, and the opposite-side cancellations that followed them.</summary>
/// <remarks>Reused across episodes so the steady state allocates nothing. Lists are capped.</remarks>
internal sealed class SpoofingEpisode
{
    public const int MaxEvidence = 16;
    public const int MaxPriceLevels = 32;

    public bool Active;
    public long LastExecutionTicks;
    public decimal ExecutedQuantity;
    public decimal CancelledQuantity;
    public int CancelledOrders;
    public bool SpoofingAlerted;
    public bool LayeringAlerted;
    public readonly List<SurveillanceEvidence> Executions = new(4);
    public readonly List<SurveillanceEvidence> Cancellations = new(4);
    public readonly List<decimal> PriceLevels = new(4);

    public void Start()
    {
        Active = true;
        ExecutedQuantity = 0;
        CancelledQuantity = 0;
        CancelledOrders = 0;
        SpoofingAlerted = false;
        LayeringAlerted = false;
        Executions.Clear();
        Cancellations.Clear();
        PriceLevels.Clear();
    }

    public void AddPriceLevel(decimal price)
    {
        if (PriceLevels.Count < MaxPriceLevels && !PriceLevels.Contains(price))
        {
            PriceLevels.Add(price);
        }
    }
}
