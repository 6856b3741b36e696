namespace TradingRl.Security.Compliance;

/// <summary>The record of one submitted trade report: when, under which regime, its deadline and whether it was late.</summary>
/// <param name="TradeId">The trade id.</param>
/// <param name="Regime">The regime whose deadline applied.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="DueBy">When it was due.</param>
public readonly record struct TradeReportReceipt(string TradeId, string Regime, DateTimeOffset SubmittedAt, DateTimeOffset DueBy)
{
    /// <summary>Gets a value indicating whether the report was submitted after its deadline (on the deadline is on time).</summary>
    public bool IsLate => SubmittedAt > DueBy;

    /// <summary>Gets how late it was; zero when on time.</summary>
    public TimeSpan Lateness => IsLate ? SubmittedAt - DueBy : TimeSpan.Zero;
}
