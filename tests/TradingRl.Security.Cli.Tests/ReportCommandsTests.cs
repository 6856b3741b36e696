namespace TradingRl.Security.Cli.Tests;

public sealed class ReportCommandsTests : CliRunner
{
    private const string Good1 = """{"trade_id":"T-1","execution_time":"2012-06-21T13:30:00.275+00:00","clock_source":"replay","instrument":"AAPL","side":"Sell","quantity":40,"price":585.74,"currency":"USD","venue":"XNAS","order_type":"Limit","account":"agent-1","trader_id":null,"algorithm_id":"sample-agent","regime":"default","submitted_at":"2012-06-21T13:30:00.275+00:00","due_by":"2012-06-21T13:31:00.275+00:00","late":false}""";
    private const string Good2 = """{"trade_id":"T-2","execution_time":"2012-06-21T13:29:00+00:00","clock_source":"replay","instrument":"AAPL","side":"Buy","quantity":10,"price":585.70,"currency":"USD","venue":"XNAS","order_type":"Limit","account":"agent-2","trader_id":null,"algorithm_id":"sample-agent","regime":"default","submitted_at":"2012-06-21T13:31:00+00:00","due_by":"2012-06-21T13:30:00+00:00","late":true}""";

    private string Reports => Path.Combine(Dir, "trade-reports");

    private string File20120621 => Path.Combine(Reports, "trade-reports-20120621.jsonl");

    [Fact]
    public async Task Verify_GoodReports_Exit0CountingThem()
    {
        await WriteAsync(Good1, Good2);

        var (code, output, _) = await Run(null, "reports", "verify", Dir);

        Assert.Equal(0, code);
        Assert.Contains("VERIFIED: 2 trade report(s) in 1 file(s).", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"late\":false", "\"late\":true", ":1: late flag True contradicts")]
    [InlineData("\"quantity\":40", "\"quantity\":-40", ":1: Quantity")]
    [InlineData("2012-06-21T13:30:00.275+00:00\",\"clock", "2012-06-22T13:30:00.275+00:00\",\"clock", "filed under 20120621")]
    [InlineData("\"side\":\"Sell\"", "\"side\":\"Short\"", ":1: not a trade report")]
    [InlineData("\"venue\":\"XNAS\",", "", ":1: not a trade report")]
    [InlineData("\"late\":false}", "\"late\":false,\"extra\":1}", ":1: not a trade report")]
    public async Task Verify_TamperedReport_Exit1NamingFileAndLine(string find, string replace, string expected)
    {
        await WriteAsync(Good1.Replace(find, replace, StringComparison.Ordinal), Good2);

        var (code, output, _) = await Run(null, "reports", "verify", File20120621);

        Assert.Equal(1, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TruncatedLastLineAndDuplicateTradeId_BothNamed()
    {
        await WriteAsync(Good1, Good1, Good2[..40]);

        var (code, output, _) = await Run(null, "reports", "verify", Reports);

        Assert.Equal(1, code);
        Assert.Contains(":2: trade id 'T-1' was already reported at trade-reports-20120621.jsonl:1", output, StringComparison.Ordinal);
        Assert.Contains(":3: not a trade report", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_ByAccount_TableOldestFirst()
    {
        await WriteAsync(Good1, Good2);

        var all = await Run(null, "reports", "print", Dir);
        var one = await Run(null, "reports", "print", Dir, "--account", "agent-2", "--limit", "5");

        Assert.Equal(0, all.Code);
        Assert.True(all.Output.IndexOf("T-2", StringComparison.Ordinal) < all.Output.IndexOf("T-1", StringComparison.Ordinal));
        Assert.Contains("2 of 2 report(s).", all.Output, StringComparison.Ordinal);
        Assert.Contains("LATE", one.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("T-1", one.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 1 report(s) for agent-2.", one.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_NoReports_Exit3()
    {
        Assert.Equal(3, (await Run(null, "reports", "verify", Dir)).Code);
        Assert.Equal(3, (await Run(null, "reports", "print", Path.Combine(Dir, "absent.jsonl"))).Code);
    }

    [Theory]
    [InlineData("reports", "verify")]
    [InlineData("reports", "verify", "DIR", "--account", "a")]
    [InlineData("reports", "print", "DIR", "--limit", "0")]
    [InlineData("reports", "print", "DIR", "--limit", "many")]
    [InlineData("reports", "print", "DIR", "--account")]
    public async Task Commands_BadArguments_Usage2(params string[] args)
    {
        await WriteAsync(Good1);

        Assert.Equal(2, (await Run(null, [.. args.Select(a => a == "DIR" ? Dir : a)])).Code);
    }

    private async Task WriteAsync(params string[] lines)
    {
        Directory.CreateDirectory(Reports);
        await File.WriteAllLinesAsync(File20120621, lines);
    }
}
