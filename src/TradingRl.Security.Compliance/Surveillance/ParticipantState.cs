namespace TradingRl.Security.Compliance;

/// <summary>What the rate and spoofing detectors remember about one account (or anonymous flow) in one instrument.</summary>
internal sealed class ParticipantState
{
    public DateOnly Day;
    public long Adds;
    public long Modifies;
    public long PartialCancels;
    public long FullCancels;
    public long Executions;
    public bool OrderToTradeAlerted;
    public bool CancelRatioAlerted;
    public TimestampWindow? Messages;
    public bool StuffingArmed = true;
    public SpoofingEpisode? BuyExecutions;
    public SpoofingEpisode? SellExecutions;

    public long OrderMessages => Adds + Modifies + PartialCancels + FullCancels;

    public void StartDay(DateOnly day)
    {
        Day = day;
        Adds = Modifies = PartialCancels = FullCancels = Executions = 0;
        OrderToTradeAlerted = false;
        CancelRatioAlerted = false;
    }
}
