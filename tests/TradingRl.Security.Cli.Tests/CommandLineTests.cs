namespace TradingRl.Security.Cli.Tests;

public sealed class CommandLineTests : CliRunner
{
    [Fact]
    public async Task RunAsync_Help_ListsEveryGroupAndExitsZero()
    {
        var (code, output, _) = await Run(null, "--help");
        Assert.Equal(0, code);
        foreach (var group in new[] { "trsec audit verify", "trsec password hash", "trsec keys list", "trsec reports verify", "trsec compliance render" })
        {
            Assert.Contains(group, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("password")]
    [InlineData("password", "hash")]
    [InlineData("password", "verify")]
    [InlineData("keys")]
    [InlineData("keys", "list")]
    [InlineData("keys", "rotate")]
    [InlineData("reports")]
    [InlineData("reports", "verify")]
    [InlineData("reports", "print")]
    [InlineData("compliance")]
    [InlineData("compliance", "render")]
    public async Task RunAsync_HelpOfEveryCommand_PrintsItsUsageExitZero(params string[] command)
    {
        var (code, output, _) = await Run(null, [.. command, "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("trsec " + command[0] + " ", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("password")]
    [InlineData("password", "crack")]
    [InlineData("keys", "delete", "x")]
    [InlineData("reports", "sign", "x")]
    [InlineData("compliance", "publish", "x")]
    public async Task RunAsync_MissingOrUnknownCommand_Usage2(params string[] args)
    {
        var (code, _, error) = await Run(null, args);
        Assert.Equal(2, code);
        Assert.Contains("trsec", error, StringComparison.Ordinal);
    }
}
