using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json;
using TradingRl.Security.Sample;
using TradingRl.Security.Tests;

namespace TradingRl.Security.IntegrationTests;

public sealed class SampleRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("trsec-sample-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ExecuteAsync_WholeNasdaqFile_CountsMatchAnIndependentPassOverTheFile()
    {
        var path = SharedData.Path("data/market/AAPL_2012-06-21_34200000_37800000_message_50.csv");
        var expected = CountIndependently(path, accounts: 8);
        Assert.Equal(91_997, expected.Rows);
        Assert.Equal(44_256, expected.Orders); // type 1 rows, as the data README states

        var summary = await SampleRunner.ExecuteAsync(Options(path), TextWriter.Null);

        // Every order of the file is sent by an agent and checked (authorization, then the gate, plus the scripted
        // loss account's orders); the refused ones never reach the market, so their later cancels and fills are not ours.
        Assert.Equal(expected.Rows, summary.Rows);
        Assert.Equal(expected.Orders, summary.Orders);
        Assert.Equal(summary.GateChecked, summary.GateAllowed + summary.GateDenied);
        Assert.Equal(summary.GateDenied, summary.GateDenialsByReason.Values.Sum());
        Assert.True(summary.GateDenialsByReason["OrderRateLimit"] > 0, "44k orders over 8 accounts in an hour pass 100 per 60 s");
        Assert.Equal(1, summary.DailyLossBreaches);
        Assert.True(summary.Cancels <= expected.Cancels);
        Assert.True(summary.Fills <= expected.Fills);
        Assert.Equal(summary.Fills, summary.TradeReports);
        Assert.Equal(0, summary.LateTradeReports);
        Assert.Equal(summary.Orders - summary.OrdersRefused, summary.EventsByType["trading.order.submitted"]);
        Assert.Equal(summary.Cancels, summary.EventsByType["trading.order.cancelled"]);
        Assert.Equal(summary.Fills, summary.EventsByType["trading.order.filled"]);
        Assert.Equal(summary.GateDenied, summary.EventsByType["trading.order.denied"]);
        Assert.Equal(1, summary.AuthorizationDenials["permission_not_granted"]);
        Assert.True(summary.SignIns["LockedOut"] > 0);
        Assert.Contains(summary.Incidents, i => i.Contains("ops-eve", StringComparison.Ordinal));

        // Every incident the run opened (incident.opened events, counted by the pipeline) is closed and has its report,
        // including the one the compliance report's own generation opens.
        Assert.Equal(summary.EventsByType["incident.opened"], summary.Incidents.Count);
        Assert.All(summary.Incidents, i => Assert.EndsWith(", Closed", i, StringComparison.Ordinal));
        Assert.Equal(summary.Incidents.Count, Directory.GetFiles(Path.Combine(_root, "out", "incidents"), "INC-*.json").Length);
        var reports = Directory.GetFiles(Path.Combine(_root, "out", "incidents"), "INC-*.md").Select(File.ReadAllText).ToList();
        Assert.Single(reports, r => r.Contains("password reset issued", StringComparison.Ordinal)); // only the account-compromise incident
        Assert.True(summary.AuditVerified);
        Assert.True(summary.AuditInclusionProofVerified);
        Assert.True(summary.SnapshotRoundTrip);
        Assert.Equal(0, summary.EventsDeadLettered);
        Assert.True(File.Exists(Path.Combine(_root, "out", "compliance-report-2012-06-21.json")));
        Assert.True(summary.EvidencePackVerified);
        Assert.Equal(summary.TradeReports, summary.Fills);
        Assert.True(File.Exists(Path.Combine(_root, "out", "scorecard.json")));

        var written = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(Path.Combine(_root, "out", "summary.json")));
        Assert.Equal(expected.Orders, written.GetProperty("Orders").GetInt64());

        // The dashboard: its numbers and its charts' series agree with the independent pass and the delivered events.
        var dashboard = Path.Combine(_root, "out", "dashboard.html");
        Assert.Equal(Path.GetFullPath(dashboard), summary.Dashboard);
        var html = await File.ReadAllTextAsync(dashboard);
        var metrics = Metrics(html);
        Assert.Equal(expected.Rows, metrics["rows"]);
        Assert.Equal(expected.Orders, metrics["orders"]);
        Assert.Equal(summary.EventsByType["trading.order.submitted"], metrics["orders-allowed"]);
        Assert.Equal(expected.Orders - summary.EventsByType["trading.order.submitted"], metrics["orders-refused"]);
        Assert.Equal(summary.EventsByType["trading.order.filled"], metrics["fills"]);
        Assert.Equal(summary.EventsByType["trading.order.filled"], metrics["trade-reports"]);
        Assert.Equal(summary.EventsByType["trading.order.cancelled"], metrics["cancels"]);
        Assert.Equal(summary.EventsByType["trading.surveillance.alert"], metrics["surveillance-alerts"]);
        Assert.Equal(summary.Incidents.Count, metrics["incidents"]);
        Assert.Equal(metrics["incidents"] - summary.EventsByType.GetValueOrDefault("incident.sla.breached"), metrics["incidents-target-met"]);
        Assert.Equal(summary.AuditRecords, metrics["audit-records"]);
        Assert.Contains("data-metric=\"audit-verified\" data-value=\"true\"", html, StringComparison.Ordinal);

        var series = SeriesTotals(html, "orders-chart");
        Assert.Equal(expected.Orders, series.Values.Sum());
        Assert.Equal(metrics["orders-allowed"], series["allowed"]);
        Assert.Equal(summary.GateDenialsByReason["OrderRateLimit"], series["OrderRateLimit"]);
        Assert.Equal(summary.EventsByType["trading.surveillance.alert"], SeriesTotals(html, "alerts-chart").Values.Sum());
        Assert.Equal(summary.Incidents.Count, Regex.Count(html, "<rect data-minutes="));
        Assert.Contains("data-target-minutes=\"15\"", html, StringComparison.Ordinal);

        // Self-contained: no script, nothing fetched (the only URL is the SVG namespace).
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Regex.Matches(html, "https?://[^\"]*"), m => m.Value != "http://www.w3.org/2000/svg");
    }

    [Fact]
    public async Task ExecuteAsync_DefaultQuotes_RunsAndEveryOrderIsAccountedFor()
    {
        var summary = await SampleRunner.ExecuteAsync(Options(null), TextWriter.Null);

        Assert.Equal(1_000, summary.Rows);
        Assert.True(summary.Orders > 0);
        Assert.Equal(summary.Orders - summary.OrdersRefused, summary.Fills + summary.Cancels + summary.OpenOrders);
        Assert.Equal(summary.GateChecked, summary.GateAllowed + summary.GateDenied);
        Assert.Equal(summary.Fills, summary.TradeReports);

        using var firstScorecard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "out", "scorecard.json")));

        // Same seed, same run; the second run on the same data directory extends the audit log and reads the snapshot.
        var again = await SampleRunner.ExecuteAsync(Options(null), TextWriter.Null);
        Assert.Equal(summary.Orders, again.Orders);
        Assert.Equal(summary.Fills, again.Fills);
        Assert.False(summary.PreviousSnapshotRead);
        Assert.True(again.PreviousSnapshotRead);
        Assert.Null(summary.AuditConsistentWithPrevious);
        Assert.True(again.AuditPreviousRecords >= summary.AuditRecords);
        Assert.True(again.AuditRecords > summary.AuditRecords);
        Assert.True(again.AuditConsistentWithPrevious);
        Assert.True(again.AuditVerified);
        Assert.True(again.SnapshotRoundTrip);
        var metrics = Metrics(await File.ReadAllTextAsync(again.Dashboard!));
        Assert.Equal(again.Orders, metrics["orders"]);
        Assert.Equal(again.Fills, metrics["fills"]);

        // The scorecard of the run: 9 failed sign-ins (8 wrong passwords against ops-eve, then her right password refused while locked)
        // among 21 (the 12 that succeed: 2 operators, 8 agents, agent-loss and the viewer); 2 account locks (the sixth failure and the
        // incident's automatic containment); every fill reported on time.
        Assert.Equal(28, summary.Scorecard.Count);
        Assert.Equal(28, summary.ScorecardPassed + summary.ScorecardFailed + summary.ScorecardNotMeasured);
        var scorecard = firstScorecard.RootElement;
        JsonElement Metric(string id) => scorecard.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
        Assert.Equal(9, Metric("auth.failed_login_rate").GetProperty("numerator").GetInt64());
        Assert.Equal(21, Metric("auth.failed_login_rate").GetProperty("denominator").GetInt64());
        Assert.Equal("Fail", Metric("auth.failed_login_rate").GetProperty("status").GetString());
        Assert.Equal(2, Metric("auth.account_lockout_rate").GetProperty("numerator").GetInt64());
        Assert.Equal(summary.TradeReports, Metric("trading.trade_reporting_accuracy").GetProperty("numerator").GetInt64());
        Assert.Equal(summary.TradeReports, Metric("trading.trade_reporting_accuracy").GetProperty("denominator").GetInt64());
        Assert.Equal("Pass", Metric("regulatory.audit_trail_completeness").GetProperty("status").GetString());
        Assert.Contains("## Security and compliance scorecard", await File.ReadAllTextAsync(Path.Combine(_root, "out", "scorecard.md")), StringComparison.Ordinal);

        // The second run replays the same market-time period, so its scorecard counts both runs' records.
        using var secondScorecard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "out", "scorecard.json")));
        Assert.Equal(18, secondScorecard.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "auth.failed_login_rate").GetProperty("numerator").GetInt64());

        // One evidence pack per run, seven control families, each verified against the log's key and the live trail.
        Assert.Equal(7, summary.EvidencePackFiles);
        Assert.True(summary.EvidencePackVerified);
        Assert.True(again.EvidencePackVerified);
        Assert.NotEqual(summary.EvidencePack, again.EvidencePack);
        Assert.True(File.Exists(Path.Combine(_root, "out", summary.EvidencePack!, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(_root, "out", again.EvidencePack!, "manifest.json")));
    }

    [Fact]
    public async Task RunAsync_MalformedRow_StopsWithFileLineAndCauseAndWritesNothing()
    {
        var path = Path.Combine(_root, "bad.csv");
        await File.WriteAllLinesAsync(path,
        [
            "34200.004241176,1,16113575,18,5853300,1",
            "34200.00426064,1,16113584,18,5853200,1",
            "34200.004447484,9,16113594,18,5853100,1",
        ]);
        var stderr = new StringWriter();

        var code = await SampleRunner.RunAsync(Options(path), TextWriter.Null, stderr);

        Assert.Equal(SampleRunner.InputError, code);
        Assert.Contains("bad.csv:3:", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("event type", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "out", "summary.json")));
        Assert.False(Directory.Exists(Path.Combine(_root, "data")));
    }

    [Theory]
    [InlineData("34200.1,1,1,18,5853300", "expected 6")]
    [InlineData("abc,1,1,18,5853300,1", "time")]
    [InlineData("34200.1,1,1,0,5853300,1", "size")]
    [InlineData("34200.1,1,1,18,-5,1", "price")]
    [InlineData("34200.1,1,1,18,5853300,2", "direction")]
    [InlineData("34200.1,1,x,18,5853300,1", "order id")]
    public async Task RunAsync_BadColumn_NamesTheColumn(string row, string expected)
    {
        var path = Path.Combine(_root, "row.csv");
        await File.WriteAllLinesAsync(path, [row]);
        var stderr = new StringWriter();

        Assert.Equal(SampleRunner.InputError, await SampleRunner.RunAsync(Options(path), TextWriter.Null, stderr));
        Assert.Contains("row.csv:1:", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmptyOrMissingFile_GivesClearError()
    {
        var empty = Path.Combine(_root, "empty.csv");
        await File.WriteAllTextAsync(empty, string.Empty);
        var stderr = new StringWriter();
        Assert.Equal(SampleRunner.InputError, await SampleRunner.RunAsync(Options(empty), TextWriter.Null, stderr));
        Assert.Contains("no messages", stderr.ToString(), StringComparison.Ordinal);

        stderr = new StringWriter();
        Assert.Equal(SampleRunner.IoError, await SampleRunner.RunAsync(Options(Path.Combine(_root, "missing.csv")), TextWriter.Null, stderr));
        Assert.Contains("missing.csv", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_QuoteFileWithCrossedQuote_Refused()
    {
        var quotes = Path.Combine(_root, "quotes.csv");
        await File.WriteAllLinesAsync(quotes, ["timestamp,bid,ask", "2013-01-01 22:00:00.295000+00:00,86.655,86.728", "2013-01-01 22:00:01.000000+00:00,86.9,86.7"]);
        var stderr = new StringWriter();
        var options = Options(null) with { QuotesPath = quotes };

        Assert.Equal(SampleRunner.InputError, await SampleRunner.RunAsync(options, TextWriter.Null, stderr));
        Assert.Contains("quotes.csv:3:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadCommandLines_Throw()
    {
        Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--accounts", "0"]));
        Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--accounts"]));
        Assert.Throws<ArgumentException>(() => SampleOptions.Parse(["--bogus"]));
        Assert.Equal(3, SampleOptions.Parse(["--accounts", "3"]).Accounts);
    }

    // The dashboard's summary numbers: data-metric="name" data-value="123".
    private static Dictionary<string, long> Metrics(string html) =>
        Regex.Matches(html, "data-metric=\"([a-z-]+)\" data-value=\"(-?[0-9]+)\"")
            .ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    // One stacked-bar chart's series totals: <g data-series="name" data-total="123"> inside <svg id="chart">.
    private static Dictionary<string, long> SeriesTotals(string html, string chart)
    {
        var start = html.IndexOf("<svg id=\"" + chart + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, chart + " is missing");
        var svg = html[start..html.IndexOf("</svg>", start, StringComparison.Ordinal)];
        return Regex.Matches(svg, "<g data-series=\"([^\"]+)\" data-total=\"([0-9]+)\"")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    private SampleOptions Options(string? orders) => new()
    {
        OrdersPath = orders,
        DataDirectory = Path.Combine(_root, "data"),
        OutputDirectory = Path.Combine(_root, "out"),
        Progress = false,
    };

    // A second, deliberately plain reading of the LOBSTER file: which rows are the agents' own orders, cancels and fills.
    private static (long Rows, long Orders, long Cancels, long Fills, long Open) CountIndependently(string path, int accounts)
    {
        var remaining = new Dictionary<long, long>();
        long rows = 0, orders = 0, cancels = 0, fills = 0;
        foreach (var line in File.ReadLines(path))
        {
            rows++;
            var c = line.Split(',');
            var type = int.Parse(c[1], CultureInfo.InvariantCulture);
            var id = long.Parse(c[2], CultureInfo.InvariantCulture);
            var size = long.Parse(c[3], CultureInfo.InvariantCulture);
            if (type == 1)
            {
                orders++;
                remaining[id] = size;
            }
            else if (type is 2 or 3 or 4 or 5 && remaining.TryGetValue(id, out var left))
            {
                if (type is 2 or 3)
                {
                    cancels++;
                }
                else
                {
                    fills++;
                }

                left = type == 3 ? 0 : left - size;
                if (left <= 0)
                {
                    remaining.Remove(id);
                }
                else
                {
                    remaining[id] = left;
                }
            }
        }

        return (rows, orders, cancels, fills, remaining.Count);
    }
}
