using System.Diagnostics;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Cli.Tests;

public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "trsec-crash", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AppendLoop_KilledWithSigkill20Times_EveryAcknowledgedRecordKeptAndLogVerifies()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "TradingRl.Security.Cli.dll");
        var acknowledged = new HashSet<long>();
        var kills = 0;
        for (var round = 0; round < 20; round++)
        {
            var psi = new ProcessStartInfo("dotnet", ["exec", cli, "audit", "_append-loop", _dir])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var child = Process.Start(psi)!;
            var opened = new TaskCompletionSource();
            var acks = new List<long>();
            var reader = Task.Run(async () =>
            {
                while (await child.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith("open ", StringComparison.Ordinal))
                    {
                        opened.TrySetResult();
                    }
                    else if (line.StartsWith("ack ", StringComparison.Ordinal))
                    {
                        lock (acks)
                        {
                            acks.Add(long.Parse(line.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }
                }
            });
            var errors = child.StandardError.ReadToEndAsync();
            var started = await Task.WhenAny(opened.Task, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.True(started == opened.Task, "the child did not open the log: " + (child.HasExited ? await errors : "(still running)"));

            // Kill at a random moment while the writers append.
            await Task.Delay(Random.Shared.Next(20, 250));
            child.Kill();
            kills++;
            await child.WaitForExitAsync();
            await reader;
            acknowledged.UnionWith(acks);

            // Recovery: every acknowledged record is there, and the log verifies.
            await using var trail = new AuditTrail(new FileAuditStore(_dir), Options.Create(new AuditTrailOptions { Directory = _dir, CheckpointInterval = TimeSpan.Zero }));
            await trail.OpenAsync();
            var max = acknowledged.Count == 0 ? -1 : acknowledged.Max();
            Assert.True(trail.Count > max, $"round {round}: acknowledged #{max} but the log holds {trail.Count} records");
            var result = await trail.VerifyAsync();
            Assert.True(result.IsValid, $"round {round}: {result.Message}");
            Assert.Equal(trail.Count, result.RecordCount);
        }

        Assert.Equal(20, kills);
        Assert.True(acknowledged.Count > 20, "the children acknowledged appends");
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
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
}
