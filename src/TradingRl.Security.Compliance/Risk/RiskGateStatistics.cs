namespace TradingRl.Security.Compliance;

/// <summary>A snapshot of the pre-trade risk gate's counters since it started, for compliance reports and dashboards.</summary>
/// <param name="OrdersChecked">New orders checked.</param>
/// <param name="OrdersAllowed">New orders allowed.</param>
/// <param name="CancelsChecked">Cancels checked.</param>
/// <param name="CancelsDenied">Cancels denied (message rate or unknown order).</param>
/// <param name="AmendmentsChecked">Amendments checked.</param>
/// <param name="AmendmentsDenied">Amendments denied.</param>
/// <param name="FillsRecorded">Fills applied to the book.</param>
/// <param name="DailyLossBreaches">Times an account's daily loss reached its limit and it was switched to reduce-only.</param>
/// <param name="DenialsByReason">Denials of new orders and amendments by reason code; reasons never seen are absent.</param>
public sealed record RiskGateStatistics(
    long OrdersChecked,
    long OrdersAllowed,
    long CancelsChecked,
    long CancelsDenied,
    long AmendmentsChecked,
    long AmendmentsDenied,
    long FillsRecorded,
    long DailyLossBreaches,
    IReadOnlyDictionary<RiskReason, long> DenialsByReason)
{
    /// <summary>Gets the new orders denied.</summary>
    public long OrdersDenied => OrdersChecked - OrdersAllowed;
}
