using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Compliance;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.Reporting;

public sealed class TradeReporterTests : IDisposable
{
    private static readonly DateTimeOffset Executed = new(2020, 3, 1, 0, 0, 3, 500, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tradingrl-reports-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Executed);
    private readonly RecordingPublisher _events = new();
    private readonly ComplianceOptions _options = new();

    public TradeReporterTests()
    {
        _options.Reporting.Directory = _dir;
        _options.Reporting.Regimes["mifir-t1"] = new ReportingRegime { BusinessDaysAfter = 1 };
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    // The first BitMEX XBTUSD trade of the shared sample (bitmex_trades_XBTUSD.csv): 2020-03-01 00:00:03.5 UTC.
    private static TradeReport Report(string id = "t-1") => new()
    {
        TradeId = id,
        ExecutionTime = Executed,
        ClockSource = "PTP",
        Instrument = "XBTUSD",
        Side = OrderSide.Sell,
        Quantity = 1500m,
        Price = 8645.5m,
        Currency = "USD",
        Venue = "XOFF",
        OrderType = OrderType.Limit,
        Account = "acct-1",
        AlgorithmId = "agent-ppo-3",
    };

    private TradeReporter Reporter(ITradeReportSink? sink = null) =>
        new(sink ?? new JsonLinesTradeReportSink(Options.Create(_options)), _events, Options.Create(_options), _time);

    [Fact]
    public async Task ReportAsync_ValidReport_IsWrittenAsOneJsonLineWithExactValues()
    {
        using var reporter = Reporter();
        _time.Advance(TimeSpan.FromSeconds(12));

        var receipt = await reporter.ReportAsync(Report());

        Assert.False(receipt.IsLate);
        Assert.Equal(Executed.AddSeconds(60), receipt.DueBy);
        var path = Path.Combine(_dir, "trade-reports-20200301.jsonl");
        var line = Assert.Single(await File.ReadAllLinesAsync(path));
        using var doc = JsonDocument.Parse(line);
        var r = doc.RootElement;
        Assert.Equal("t-1", r.GetProperty("trade_id").GetString());
        Assert.Equal(Executed, r.GetProperty("execution_time").GetDateTimeOffset());
        Assert.Equal("PTP", r.GetProperty("clock_source").GetString());
        Assert.Equal("Sell", r.GetProperty("side").GetString());
        Assert.Equal(8645.5m, r.GetProperty("price").GetDecimal());
        Assert.Equal(1500m, r.GetProperty("quantity").GetDecimal());
        Assert.Equal("XOFF", r.GetProperty("venue").GetString());
        Assert.Equal("Limit", r.GetProperty("order_type").GetString());
        Assert.Equal("agent-ppo-3", r.GetProperty("algorithm_id").GetString());
        Assert.False(r.GetProperty("late").GetBoolean());
        var e = Assert.Single(_events.OfType(SecurityEventTypes.TradeReported));
        Assert.Equal("t-1", e.GetProperty("trade_id"));
        Assert.Equal("false", e.GetProperty("late"));
        Assert.Empty(_events.OfType(SecurityEventTypes.ComplianceViolation));
    }

    [Fact]
    public async Task ReportAsync_AtExactlySixtySeconds_IsOnTime_OneMillisecondLaterIsAViolation()
    {
        using var reporter = Reporter();
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.False((await reporter.ReportAsync(Report("t-1"))).IsLate);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var late = await reporter.ReportAsync(Report("t-2"));

        Assert.True(late.IsLate);
        Assert.Equal(TimeSpan.FromMilliseconds(1), late.Lateness);
        var v = Assert.Single(_events.OfType(SecurityEventTypes.ComplianceViolation));
        Assert.Equal("trade_report_late", v.GetProperty("reason"));
        Assert.Contains("trade_report_late", new ComplianceReportOptions().LateReportReasons); // the compliance report counts it as late
        Assert.Equal("t-2", v.GetProperty("trade_id"));
        Assert.Equal("1", v.GetProperty("late_by_ms"));
        Assert.Equal(2, reporter.Submitted);
        Assert.Equal(1, reporter.Late);
    }

    [Fact]
    public async Task ReportAsync_TPlusOneRegime_IsDueAtTheCutoffOfTheNextBusinessDay()
    {
        using var reporter = Reporter();

        // Sunday 2020-03-01 -> Monday 2020-03-02 23:59:59 UTC; a Friday trade is due the next Monday.
        Assert.Equal(new DateTimeOffset(2020, 3, 2, 23, 59, 59, TimeSpan.Zero), reporter.DueBy(Executed, "mifir-t1"));
        Assert.Equal(new DateTimeOffset(2020, 3, 9, 23, 59, 59, TimeSpan.Zero), reporter.DueBy(new DateTimeOffset(2020, 3, 6, 21, 0, 0, TimeSpan.Zero), "mifir-t1"));
        _time.Advance(TimeSpan.FromHours(30));
        var receipt = await reporter.ReportAsync(Report() with { Regime = "mifir-t1" });
        Assert.False(receipt.IsLate);
        Assert.Equal("mifir-t1", receipt.Regime);
        Assert.Throws<KeyNotFoundException>(() => reporter.DueBy(Executed, "nope"));
    }

    [Fact]
    public async Task ReportAsync_InvalidReport_ListsEveryProblemAndWritesNothing()
    {
        using var reporter = Reporter();
        var bad = Report() with
        {
            TradeId = "",
            ExecutionTime = new DateTimeOffset(2020, 3, 1, 1, 0, 3, TimeSpan.FromHours(1)),
            Quantity = 0m,
            Price = -1m,
            Currency = "usd",
            Venue = "NASDAQ",
            AlgorithmId = null,
            Side = (OrderSide)5,
        };

        var ex = await Assert.ThrowsAsync<InvalidTradeReportException>(async () => await reporter.ReportAsync(bad));

        Assert.Contains("TradeId is required.", ex.Errors);
        Assert.Contains("ExecutionTime must be in UTC (offset +00:00).", ex.Errors);
        Assert.Contains("Quantity must be more than zero.", ex.Errors);
        Assert.Contains("Price must be more than zero.", ex.Errors);
        Assert.Contains("Side must be Buy or Sell.", ex.Errors);
        Assert.Contains(ex.Errors, e => e.StartsWith("Currency must be", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Venue must be", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("TraderId or AlgorithmId is required", StringComparison.Ordinal));
        Assert.Equal(8, ex.Errors.Count);
        Assert.DoesNotContain("NASDAQ", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
        Assert.Empty(_events.All);
    }

    [Fact]
    public async Task ReportAsync_UnknownRegimeOrFutureExecution_IsRefused()
    {
        using var reporter = Reporter();

        var regime = await Assert.ThrowsAsync<InvalidTradeReportException>(async () => await reporter.ReportAsync(Report() with { Regime = "nope" }));
        Assert.Single(regime.Errors);
        var future = await Assert.ThrowsAsync<InvalidTradeReportException>(async () => await reporter.ReportAsync(Report() with { ExecutionTime = Executed.AddSeconds(6) }));
        Assert.Contains(future.Errors, e => e.StartsWith("ExecutionTime is more than 5 s in the future", StringComparison.Ordinal));
        Assert.True((await reporter.ReportAsync(Report() with { ExecutionTime = Executed.AddSeconds(5) })).DueBy > Executed);
    }

    [Fact]
    public async Task ReportAsync_SinkFailure_PropagatesAndPublishesNothing()
    {
        using var reporter = Reporter(new FailingSink());

        await Assert.ThrowsAsync<IOException>(async () => await reporter.ReportAsync(Report()));
        Assert.Empty(_events.All);
        Assert.Equal(0, reporter.Submitted);
    }

    [Fact]
    public async Task ReportAsync_ConcurrentReports_WriteWholeLines()
    {
        using var reporter = Reporter();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => reporter.ReportAsync(Report($"t-{i}")).AsTask()));

        var lines = await File.ReadAllLinesAsync(Path.Combine(_dir, "trade-reports-20200301.jsonl"));
        Assert.Equal(200, lines.Length);
        Assert.Equal(200, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("trade_id").GetString()).Distinct().Count());
    }

    [Fact]
    public void Constructor_MalformedRegime_Throws()
    {
        _options.Reporting.Regimes["both"] = new ReportingRegime { Deadline = TimeSpan.FromSeconds(1), BusinessDaysAfter = 1 };

        var ex = Assert.Throws<OptionsValidationException>(() => Reporter());
        Assert.Contains("Reporting.Regimes['both'] must set exactly one of Deadline and BusinessDaysAfter.", ex.Failures);
    }

    [Fact]
    public void TradeReportValidator_FieldsTooLongOrWithControlCharacters_AreRefused()
    {
        var errors = TradeReportValidator.Validate(Report() with { Account = new string('a', 129), TraderId = "bob\n" });

        Assert.Equal(["Account must be at most 128 characters long.", "TraderId must not contain control characters."], errors);
        Assert.Empty(TradeReportValidator.Validate(Report()));
        Assert.Throws<ArgumentNullException>(() => TradeReportValidator.Validate(null!));
    }

    private sealed class FailingSink : ITradeReportSink
    {
        public ValueTask WriteAsync(TradeReport report, TradeReportReceipt receipt, CancellationToken cancellationToken = default) =>
            throw new IOException("disk full");
    }
}
