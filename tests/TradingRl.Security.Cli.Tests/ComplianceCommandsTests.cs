using TradingRl.Security.Compliance;

namespace TradingRl.Security.Cli.Tests;

public sealed class ComplianceCommandsTests : CliRunner
{
    private static readonly DailyComplianceReport Report = new()
    {
        Date = new DateOnly(2012, 6, 21),
        GeneratedAt = new DateTimeOffset(2012, 6, 21, 14, 30, 0, TimeSpan.Zero),
        EventsRecorded = 85_535,
        OrdersChecked = 44_257,
        OrdersSubmitted = 36_497,
        OrdersDenied = 7_760,
        DenialsByReason = [new ComplianceReportCount("order_rate_limit", 7_721), new ComplianceReportCount("position_limit", 39)],
        SurveillanceAlerts = 302,
        TradesReported = 3_424,
    };

    [Fact]
    public async Task Render_ReportJson_PrintsTheSameMarkdownAsTheGenerator()
    {
        var json = Path.Combine(Dir, "compliance-report-2012-06-21.json");
        await File.WriteAllTextAsync(json, ComplianceReportGenerator.ToJson(Report));

        var (code, output, _) = await Run(null, "compliance", "render", json);

        Assert.Equal(0, code);
        Assert.Equal(ComplianceReportGenerator.ToMarkdown(Report), output);
        Assert.Contains("| order\\_rate\\_limit | 7721 |", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WithOut_WritesTheFile()
    {
        var json = Path.Combine(Dir, "report.json");
        var md = Path.Combine(Dir, "report.md");
        await File.WriteAllTextAsync(json, ComplianceReportGenerator.ToJson(Report));

        var (code, output, _) = await Run(null, "compliance", "render", json, "--out", md);

        Assert.Equal(0, code);
        Assert.Contains("wrote", output, StringComparison.Ordinal);
        Assert.Equal(ComplianceReportGenerator.ToMarkdown(Report), await File.ReadAllTextAsync(md));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{\"date\":\"2012-06-21\"}")]
    [InlineData("{\"date\":\"not a date\",\"generated_at\":\"2012-06-21T14:30:00+00:00\"}")]
    [InlineData("{\"date\":\"2012-06-21\",\"generated_at\":\"2012-06-21T14:30:00+00:00\",\"unexpected\":1}")]
    public async Task Render_NotAReport_Usage2(string content)
    {
        var json = Path.Combine(Dir, "bad.json");
        await File.WriteAllTextAsync(json, content);

        var (code, output, error) = await Run(null, "compliance", "render", json);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("not a compliance report", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_MissingFileOrBadArguments_Exit3OrUsage2()
    {
        Assert.Equal(3, (await Run(null, "compliance", "render", Path.Combine(Dir, "absent.json"))).Code);
        Assert.Equal(2, (await Run(null, "compliance", "render")).Code);
        Assert.Equal(2, (await Run(null, "compliance", "render", "a.json", "--out")).Code);
    }
}
