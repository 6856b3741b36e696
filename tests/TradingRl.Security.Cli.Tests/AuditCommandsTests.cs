using System.Buffers.Binary;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Cli.Tests;

public sealed class AuditCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "trsec-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task RunAsync_Help_PrintsUsageExitZero()
    {
        var (code, output, _) = await Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("trsec audit verify DIR", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoArgumentsOrUnknownCommand_Usage2()
    {
        Assert.Equal(2, (await Run()).Code);
        Assert.Equal(2, (await Run("audit", "frobnicate", _dir)).Code);
        Assert.Equal(2, (await Run("audit", "verify", _dir, "--bogus")).Code);
        Assert.Equal(2, (await Run("audit", "proof", _dir, "-1")).Code);
    }

    [Fact]
    public async Task Verify_NoLog_Exit3()
    {
        var (code, _, error) = await Run("audit", "verify", _dir);
        Assert.Equal(3, code);
        Assert.Contains("holds no audit log", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_GoodLog_Exit0AndSaysVerified()
    {
        await WriteLogAsync(5);
        var (code, output, _) = await Run("audit", "verify", _dir, "--trusted", Path.Combine(_dir, "latest.checkpoint"));
        Assert.Equal(0, code);
        Assert.Contains("VERIFIED: All 5 records verified", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DataDirectoryWithAuditFolder_Accepted()
    {
        var data = _dir;
        var audit = Path.Combine(data, "audit");
        await WriteLogAsync(2, audit);
        Assert.Equal(0, (await Run("audit", "verify", data)).Code);
    }

    [Fact]
    public async Task Verify_AlteredRecord_Exit1NamingFirstBadRecord()
    {
        await WriteLogAsync(5);
        var segment = Directory.GetFiles(Path.Combine(_dir, "segments")).Single();
        var data = await File.ReadAllBytesAsync(segment);

        // Skip the header and records #0 and #1 with their commits; flip a byte inside record #2.
        var o = 24;
        for (var frames = 0; frames < 4; frames++)
        {
            o += 8 + (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(o + 4)) + 32;
        }

        data[o + 30] ^= 0x01;
        await File.WriteAllBytesAsync(segment, data);
        var (code, output, _) = await Run("audit", "verify", _dir);
        Assert.Equal(1, code);
        Assert.Contains("First bad record: #2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WrongPinnedKey_Exit1()
    {
        await WriteLogAsync(2);
        string otherKey;
        var other = Path.Combine(_dir, "other");
        await using (var t = Open(other))
        {
            await t.OpenAsync();
            otherKey = t.VerifierKey;
        }

        var (code, output, _) = await Run("audit", "verify", _dir, "--key", otherKey);
        Assert.Equal(1, code);
        Assert.Contains("SignatureInvalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MalformedKey_Exit4()
    {
        await WriteLogAsync(1);
        Assert.Equal(4, (await Run("audit", "verify", _dir, "--key", "not-a-key")).Code);
    }

    [Fact]
    public async Task Proof_ExistingRecord_PrintsCheckedProofAndSignedHead()
    {
        await WriteLogAsync(9);
        var (code, output, _) = await Run("audit", "proof", _dir, "4");
        Assert.Equal(0, code);
        Assert.Contains("record #4", output, StringComparison.Ordinal);
        Assert.Contains("record 4 in tree size 9", output, StringComparison.Ordinal);
        Assert.Contains("proof checks: yes", output, StringComparison.Ordinal);
        Assert.Contains("root matches", output, StringComparison.Ordinal);
        Assert.Equal(0, (await Run("audit", "proof", _dir, "4", "--size", "5")).Code);
        Assert.Equal(2, (await Run("audit", "proof", _dir, "9")).Code);
        Assert.Equal(2, (await Run("audit", "proof", _dir, "4", "--size", "4")).Code);
    }

    [Fact]
    public async Task Checkpoint_LogClosed_SignsAndPrintsNote()
    {
        await WriteLogAsync(3);
        var (code, output, _) = await Run("audit", "checkpoint", _dir);
        Assert.Equal(0, code);
        var note = output[..(output.IndexOf("# verifier key", StringComparison.Ordinal))];
        var cp = SignedCheckpoint.Parse(note);
        Assert.Equal(3, cp.TreeSize);
        Assert.Equal(0, (await Run("audit", "checkpoint", _dir, "--latest")).Code);
    }

    [Fact]
    public async Task Checkpoint_LogOpenByHost_Exit5()
    {
        await WriteLogAsync(1);
        await using var host = Open(_dir);
        await host.OpenAsync();
        Assert.Equal(5, (await Run("audit", "checkpoint", _dir)).Code);
        Assert.Equal(0, (await Run("audit", "checkpoint", _dir, "--latest")).Code);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task Scorecard_EveryMeasuredMetricPasses_Exit0WithMarkdownTable()
    {
        await WriteSignInsAsync(succeeded: 100, failed: 0);

        var (code, output, _) = await Run("audit", "scorecard", _dir, "--from", "2026-12-03T00:00:00Z", "--to", "2026-12-04T00:00:00Z");

        Assert.Equal(0, code);
        Assert.Contains("| 9.1 Authentication | Failed login rate (`auth.failed_login_rate`) | &lt; 1% | 0% | pass | 0 / 100 |", output, StringComparison.Ordinal);
        Assert.Contains("| 9.1 Authentication | Multi-factor authentication adoption (`auth.mfa_adoption`) | &gt;= 100% | 100% | pass | 1 / 1 |", output, StringComparison.Ordinal);
        Assert.Contains("9 pass, 0 fail, 19 not measured", output, StringComparison.Ordinal);
        Assert.Contains("(101 records)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecard_FailedLoginRateAtItsBoundary_Exit7AndJsonFile()
    {
        // 99 successes and 1 failure: exactly 1 %, and the target is under 1 %.
        await WriteSignInsAsync(succeeded: 99, failed: 1);
        var file = Path.Combine(_dir, "scorecard.json");

        var (code, output, _) = await Run("audit", "scorecard", _dir, "--from", "2026-12-03T00:00:00Z", "--to", "2026-12-04T00:00:00Z", "--json", "--out", file);

        Assert.Equal(7, code);
        Assert.Contains("scorecard written to", output, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var metric = json.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "auth.failed_login_rate");
        Assert.Equal(0.01, metric.GetProperty("value").GetDouble(), 12);
        Assert.Equal("Fail", metric.GetProperty("status").GetString());
        // It fails, and so do the two composites it is a member of: SOC 2 (3 of 4 measured pass) and security policy (4 of 5).
        Assert.Equal(3, json.RootElement.GetProperty("failed").GetInt32());
        Assert.Equal(0.75, json.RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "regulatory.soc2_control_compliance").GetProperty("value").GetDouble(), 12);
    }

    [Fact]
    public async Task Scorecard_PeriodAfterTheRecords_CountsNothing()
    {
        await WriteSignInsAsync(succeeded: 3, failed: 3);

        var (code, output, _) = await Run("audit", "scorecard", _dir, "--from", "2026-12-04T00:00:00Z", "--to", "2026-12-05T00:00:00Z", "--json");

        Assert.Equal(0, code);
        Assert.Contains("\"record_count\": 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scorecard_JsonOnStdout_IsOneParsableJsonDocument()
    {
        // `trsec audit scorecard DIR --json | jq` : the "N pass, N fail ..." summary line was appended after the JSON on stdout.
        await WriteSignInsAsync(succeeded: 3, failed: 0);

        var (code, output, _) = await Run("audit", "scorecard", _dir, "--from", "2026-12-03T00:00:00Z", "--to", "2026-12-04T00:00:00Z", "--json");

        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("record_count").GetInt32() >= 3);
    }

    [Fact]
    public async Task Scorecard_BadArguments_Usage2OrNoLog3()
    {
        Assert.Equal(3, (await Run("audit", "scorecard", _dir)).Code);
        await WriteSignInsAsync(succeeded: 1, failed: 0);
        Assert.Equal(2, (await Run("audit", "scorecard", _dir, "--from", "yesterday")).Code);
        Assert.Equal(2, (await Run("audit", "scorecard", _dir, "--from")).Code);
        Assert.Equal(2, (await Run("audit", "scorecard", _dir, "--from", "2026-12-04T00:00:00Z", "--to", "2026-12-03T00:00:00Z")).Code);
        Assert.Equal(2, (await Run("audit", "scorecard", _dir, "--from", "2026-12-04T00:00:00Z", "--to", "2026-12-04T00:00:00Z")).Code);
        Assert.Equal(2, (await Run("audit", "scorecard", _dir, "--out")).Code);
        Assert.Equal(2, (await Run("audit", "scorecard", _dir, "--csv")).Code);
    }

    private async Task WriteSignInsAsync(int succeeded, int failed)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var trail = new AuditTrail(new FileAuditStore(_dir), Options.Create(new AuditTrailOptions { Directory = _dir, CheckpointInterval = TimeSpan.Zero }), time);
        SecurityEvent Event(SecurityEventDescriptor d, SecurityOutcome outcome) => new(d.Type, d.DefaultSeverity, time.GetUtcNow()) { Actor = "alice", Outcome = outcome };
        await trail.AppendAsync(Event(SecurityEventTypes.MfaEnrolled, SecurityOutcome.Success));
        for (var i = 0; i < succeeded; i++)
        {
            await trail.AppendAsync(Event(SecurityEventTypes.LoginSucceeded, SecurityOutcome.Success));
        }

        for (var i = 0; i < failed; i++)
        {
            await trail.AppendAsync(Event(SecurityEventTypes.LoginFailed, SecurityOutcome.Failure));
        }

        await trail.CheckpointAsync();
    }

    private static AuditTrail Open(string dir) =>
        new(new FileAuditStore(dir), Options.Create(new AuditTrailOptions { Directory = dir, CheckpointInterval = TimeSpan.Zero }));

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await AuditCommands.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task WriteLogAsync(int count, string? dir = null)
    {
        await using var trail = Open(dir ?? _dir);
        for (var i = 0; i < count; i++)
        {
            await trail.AppendAsync(new SecurityEvent("compliance.order.checked", SecuritySeverity.Info, TimeProvider.System.GetUtcNow()) { Actor = "agent-1", Resource = $"order/{i}" });
        }

        await trail.CheckpointAsync();
    }
}
