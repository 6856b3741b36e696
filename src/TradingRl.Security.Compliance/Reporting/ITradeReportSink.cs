namespace TradingRl.Security.Compliance;

/// <summary>Where trade reports go: an approved reporting mechanism's feed, a file, a queue.</summary>
/// <remarks>The default is <see cref="JsonLinesTradeReportSink"/>; a host replaces it by registering its own before <c>AddCompliance()</c>.</remarks>
public interface ITradeReportSink
{
    /// <summary>Writes one validated report durably.</summary>
    /// <param name="report">The report.</param>
    /// <param name="receipt">When it was submitted, its deadline and whether it is late.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the report is stored or sent.</returns>
    ValueTask WriteAsync(TradeReport report, TradeReportReceipt receipt, CancellationToken cancellationToken = default);
}
