using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Compliance.Tests;

public sealed class ComplianceReportGeneratorTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 1, 0, 0, TimeSpan.Zero));
    private readonly ComplianceReportCollector _collector = new(Options.Create(new ComplianceReportOptions()));
    private readonly CollectingSecurityEventSubscriber _events = new();
    private readonly SecurityEventPipeline _pipeline;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "compliance-report-tests-" + Guid.NewGuid().ToString("N"));

    public ComplianceReportGeneratorTests()
    {
        _pipeline = new SecurityEventPipeline([_collector, _events], Options.Create(new SecurityEventPipelineOptions()));
    }

    public async ValueTask DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task PublishRecordedStreamAsync()
    {
        var events = RecordedEventStream.Build();
        foreach (var e in events)
        {
            await _pipeline.PublishAsync(e);
        }

        await _pipeline.PublishAsync(events[0]);
        await _pipeline.FlushAsync();
    }

    [Fact]
    public async Task WriteAsync_WithScorecard_AddsTheDaysScorecardSection()
    {
        // 99 successful sign-ins and 1 failure on the evidence log's day (failed-login rate exactly 1 %: the target is under 1 %, so it fails),
        // then 5 failures the next day, which the day's scorecard must not count.
        await using var log = new Evidence.EvidenceTestLog();
        await log.RecordAsync(99, SecurityEventTypes.LoginSucceeded);
        await log.RecordAsync(1, SecurityEventTypes.LoginFailed, outcome: SecurityOutcome.Failure);
        log.Time.Advance(TimeSpan.FromDays(1));
        await log.RecordAsync(5, SecurityEventTypes.LoginFailed, outcome: SecurityOutcome.Failure);
        using var calculator = log.Calculator();
        var generator = new ComplianceReportGenerator(_collector, _time, scorecard: calculator);
        var day = DateOnly.FromDateTime(Evidence.EvidenceTestLog.Start.UtcDateTime);

        var files = await generator.WriteAsync(day, _directory);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.JsonPath));
        var scorecard = json.RootElement.GetProperty("scorecard");
        Assert.Equal(100, scorecard.GetProperty("record_count").GetInt64());
        Assert.Equal(0, scorecard.GetProperty("first_sequence").GetInt64());
        Assert.Equal(99, scorecard.GetProperty("last_sequence").GetInt64());
        Assert.Equal("2026-12-03T00:00:00+00:00", scorecard.GetProperty("from").GetString());
        Assert.Equal("2026-12-04T00:00:00+00:00", scorecard.GetProperty("to").GetString());
        var failed = scorecard.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == Compliance.Evidence.ScorecardMetricIds.FailedLoginRate);
        Assert.Equal(0.01, failed.GetProperty("value").GetDouble());
        Assert.Equal("Fail", failed.GetProperty("status").GetString());
        Assert.Equal(1, failed.GetProperty("numerator").GetInt64());
        Assert.Equal(100, failed.GetProperty("denominator").GetInt64());
        var markdown = await File.ReadAllTextAsync(files.MarkdownPath);
        Assert.Contains("## Security and compliance scorecard", markdown, StringComparison.Ordinal);
        Assert.Contains("| 9.1 Authentication | Failed login rate (`auth.failed_login_rate`) | &lt; 1% | 1% | **FAIL** | 1 / 100 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WithoutScorecard_HasNoScorecardSection()
    {
        var generator = new ComplianceReportGenerator(_collector, _time);

        var files = await generator.WriteAsync(new DateOnly(2026, 12, 3), _directory);

        Assert.False(JsonDocument.Parse(await File.ReadAllTextAsync(files.JsonPath)).RootElement.TryGetProperty("scorecard", out _));
        Assert.DoesNotContain("scorecard", await File.ReadAllTextAsync(files.MarkdownPath), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Build_RecordedStream_CountsEverySection()
    {
        await PublishRecordedStreamAsync();
        var generator = new ComplianceReportGenerator(_collector, _time);

        var r = generator.Build(RecordedEventStream.Day);

        Assert.Equal(RecordedEventStream.Day, r.Date);
        Assert.Equal(_time.GetUtcNow(), r.GeneratedAt);
        Assert.Equal(19, r.EventsRecorded);
        Assert.Equal(8, r.OrdersChecked);
        Assert.Equal(5, r.OrdersSubmitted);
        Assert.Equal(3, r.OrdersDenied);
        Assert.Equal([new ComplianceReportCount("order_rate_limit", 2), new ComplianceReportCount("price_collar", 1)], r.DenialsByReason);
        Assert.Equal(2, r.LimitBreaches);
        Assert.Equal([new ComplianceReportCount("daily_loss_limit", 1), new ComplianceReportCount("position_limit", 1)], r.LimitBreachesByReason);
        Assert.Equal(1, r.StateChanges);
        Assert.Equal(1, r.KillSwitchEngagements);
        Assert.Equal(1, r.KillSwitchReleases);
        Assert.Equal(2, r.SurveillanceAlerts);
        Assert.Equal([new ComplianceReportCount("spoofing", 1), new ComplianceReportCount("wash_trade", 1)], r.SurveillanceAlertsByReason);
        Assert.Equal(1, r.TradesReported);
        Assert.Equal(1, r.LateReports);
        Assert.Equal(1, r.BestExecutionOutliers);
        Assert.Equal(9, r.NotableEvents.Count);
        Assert.Equal(0, r.NotableEventsOmitted);
        Assert.Contains(new ComplianceReportCount(SecurityEventTypes.LoginSucceeded.Type, 1), r.EventsByType);
        Assert.Null(r.Surveillance);
        Assert.Null(r.BestExecution);
    }

    [Fact]
    public async Task Build_OrdersCheckedCounterGiven_OverridesEventCount()
    {
        await PublishRecordedStreamAsync();
        _collector.AddCounter(RecordedEventStream.Day, "orders_checked", 1_000);
        _collector.AddCounter(RecordedEventStream.Day, "orders_checked", 234);

        var r = new ComplianceReportGenerator(_collector, _time).Build(RecordedEventStream.Day);

        Assert.Equal(1_234, r.OrdersChecked);
        Assert.Equal([new ComplianceReportCount("orders_checked", 1_234)], r.Counters);
    }

    [Fact]
    public void Build_DayWithoutEvents_AllZero()
    {
        var r = new ComplianceReportGenerator(_collector, _time).Build(new DateOnly(2020, 1, 1));

        Assert.Equal(0, r.EventsRecorded);
        Assert.Empty(r.EventsByType);
        Assert.Empty(r.NotableEvents);
    }

    [Fact]
    public async Task WriteAsync_RecordedStreamWithMonitors_WritesJsonAndMarkdownAndPublishesEvent()
    {
        await PublishRecordedStreamAsync();
        using var surveillance = new SurveillanceMonitor(Options.Create(new SurveillanceOptions()), _pipeline);
        using var tca = new BestExecutionMonitor(Options.Create(new BestExecutionOptions()), _pipeline);
        surveillance.Observe(new MarketEvent { Kind = MarketEventKind.OrderAdded, Timestamp = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero), Instrument = "XYZ", Side = MarketSide.Buy, OrderId = 1, Price = 10m, Quantity = 1m, Account = "agent-1" });
        tca.Record(TransactionCostCalculatorTests.Fill(MarketSide.Buy, 100m, 100.10m, 100.00m) with { ExecutedAt = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero) });
        var generator = new ComplianceReportGenerator(_collector, _time, _pipeline, surveillance, tca);

        var files = await generator.WriteAsync(RecordedEventStream.Day, _directory);

        Assert.Equal(Path.Combine(Path.GetFullPath(_directory), "compliance-report-2026-12-03.json"), files.JsonPath);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(files.JsonPath));
        var root = json.RootElement;
        Assert.Equal("2026-12-03", root.GetProperty("date").GetString());
        Assert.Equal(8, root.GetProperty("orders_checked").GetInt64());
        Assert.Equal(3, root.GetProperty("orders_denied").GetInt64());
        Assert.Equal("order_rate_limit", root.GetProperty("denials_by_reason")[0].GetProperty("name").GetString());
        Assert.Equal(1, root.GetProperty("late_reports").GetInt64());
        Assert.Equal(1, root.GetProperty("surveillance").GetProperty("orders_added").GetInt64());
        Assert.Equal(10m, root.GetProperty("best_execution").GetProperty("total").GetProperty("slippage_bps").GetDecimal());
        Assert.Equal("Critical", root.GetProperty("notable_events").EnumerateArray().First(e => e.GetProperty("type").GetString() == SecurityEventTypes.KillSwitchEngaged.Type).GetProperty("severity").GetString());

        var markdown = await File.ReadAllTextAsync(files.MarkdownPath);
        Assert.StartsWith("# Compliance report 2026-12-03 (UTC)", markdown, StringComparison.Ordinal);
        Assert.Contains("| Orders denied | 3 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| order\\_rate\\_limit | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Late trade reports | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Best-execution outliers | 1 |", markdown, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));

        await _pipeline.FlushAsync();
        var generated = Assert.Single(_events.OfType(SecurityEventTypes.ComplianceReportGenerated.Type));
        Assert.Equal("2026-12-03", generated.GetProperty("day"));
    }

    [Fact]
    public async Task WriteAsync_CalledTwice_ReplacesTheFiles()
    {
        var generator = new ComplianceReportGenerator(_collector, _time);
        await generator.WriteAsync(RecordedEventStream.Day, _directory);
        _collector.Add(RecordedEventStream.Event(SecurityEventTypes.OrderDenied, 1, "price_collar"));

        var files = await generator.WriteAsync(RecordedEventStream.Day, _directory);

        Assert.Contains("| Orders denied | 1 |", await File.ReadAllTextAsync(files.MarkdownPath), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public void ToMarkdown_HostileEventText_IsEscaped()
    {
        _collector.Add(RecordedEventStream.Event(SecurityEventTypes.SurveillanceAlert, 1, "x|y\n# injected", actor: "<script>|`"));

        var markdown = ComplianceReportGenerator.ToMarkdown(new ComplianceReportGenerator(_collector, _time).Build(RecordedEventStream.Day));

        Assert.Contains("| x\\|y \\# injected | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("\\<script\\>\\|\\`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\n# injected", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task WriteAsync_EmptyDirectory_ThrowsArgumentException(string directory)
    {
        var generator = new ComplianceReportGenerator(_collector, _time);

        await Assert.ThrowsAsync<ArgumentException>(async () => await generator.WriteAsync(RecordedEventStream.Day, directory));
    }

    [Fact]
    public async Task WriteAsync_NullDirectory_ThrowsArgumentNullException()
    {
        var generator = new ComplianceReportGenerator(_collector, _time);

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await generator.WriteAsync(RecordedEventStream.Day, null!));
    }

    [Fact]
    public async Task WriteAsync_PathIsAFile_ThrowsIOExceptionAndWritesNothing()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "not-a-directory");
        await File.WriteAllTextAsync(file, "x");
        var generator = new ComplianceReportGenerator(_collector, _time);

        await Assert.ThrowsAsync<IOException>(async () => await generator.WriteAsync(RecordedEventStream.Day, file));

        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task WriteAsync_Cancelled_LeavesNoFile()
    {
        var generator = new ComplianceReportGenerator(_collector, _time);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await generator.WriteAsync(RecordedEventStream.Day, _directory, cts.Token));

        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Statics_NullReport_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ComplianceReportGenerator.ToJson(null!));
        Assert.Throws<ArgumentNullException>(() => ComplianceReportGenerator.ToMarkdown(null!));
        Assert.Throws<ArgumentNullException>(() => new ComplianceReportGenerator(null!, _time));
        Assert.Throws<ArgumentNullException>(() => new ComplianceReportGenerator(_collector, null!));
    }
}
