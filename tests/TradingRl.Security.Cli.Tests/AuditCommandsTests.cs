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
