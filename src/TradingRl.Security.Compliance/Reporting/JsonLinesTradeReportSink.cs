using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance;

/// <summary>The default trade-report sink: appends one JSON object per line to <c>trade-reports-yyyyMMdd.jsonl</c> (UTC execution date) in a folder.</summary>
/// <remarks>
/// Thread-safe: writes are serialised, each line is flushed to disk before the write completes, so a crash loses no acknowledged
/// report and never leaves half a line followed by another. Decimals are written exactly, enums as names, times as ISO 8601.
/// </remarks>
public sealed class JsonLinesTradeReportSink : ITradeReportSink, IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _directory;

    /// <summary>Initializes the sink.</summary>
    /// <param name="options">The compliance options (<see cref="TradeReportingOptions.Directory"/>).</param>
    public JsonLinesTradeReportSink(IOptions<ComplianceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = Path.GetFullPath(options.Value.Reporting.Directory);
    }

    /// <summary>Gets the folder the sink writes into.</summary>
    public string Directory => _directory;

    /// <summary>Returns the file a report executed at a time goes to.</summary>
    /// <param name="executionTime">The execution time.</param>
    /// <returns>The full path.</returns>
    public string PathFor(DateTimeOffset executionTime) =>
        Path.Combine(_directory, "trade-reports-" + executionTime.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".jsonl");

    /// <inheritdoc/>
    /// <exception cref="IOException">The file could not be written.</exception>
    public async ValueTask WriteAsync(TradeReport report, TradeReportReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var line = JsonSerializer.SerializeToUtf8Bytes(new Line(report, receipt), Json);
        var buffer = new byte[line.Length + 1];
        line.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            System.IO.Directory.CreateDirectory(_directory);
            var stream = new FileStream(PathFor(report.ExecutionTime), FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                // One write of the whole line: a reader never sees two reports interleaved.
                await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private sealed class Line(TradeReport report, TradeReportReceipt receipt)
    {
        public string TradeId => report.TradeId;

        public DateTimeOffset ExecutionTime => report.ExecutionTime;

        public string ClockSource => report.ClockSource;

        public string Instrument => report.Instrument;

        public OrderSide Side => report.Side;

        public decimal Quantity => report.Quantity;

        public decimal Price => report.Price;

        public string Currency => report.Currency;

        public string Venue => report.Venue;

        public OrderType OrderType => report.OrderType;

        public string Account => report.Account;

        public string? TraderId => report.TraderId;

        public string? AlgorithmId => report.AlgorithmId;

        public string Regime => receipt.Regime;

        public DateTimeOffset SubmittedAt => receipt.SubmittedAt;

        public DateTimeOffset DueBy => receipt.DueBy;

        public bool Late => receipt.IsLate;
    }
}
