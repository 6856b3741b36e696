using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Benchmarks.Audit;

/// <summary>The records every audit benchmark appends: order checks of a few agents, as the sample host writes them.</summary>
internal static class AuditBenchmarkData
{
    public static SecurityEvent[] Events(int count)
    {
        var start = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var events = new SecurityEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = new SecurityEvent("compliance.order.checked", SecuritySeverity.Info, start.AddMilliseconds(i))
            {
                Actor = $"agent-{i % 8}",
                Resource = $"order/{i}",
                CorrelationId = $"episode-{i / 100}",
                Outcome = i % 10 == 0 ? SecurityOutcome.Denied : SecurityOutcome.Success,
                Properties = new Dictionary<string, string> { ["symbol"] = "XYZ", ["side"] = "buy", ["qty"] = "100", ["reason"] = i % 10 == 0 ? "max_notional" : "ok" },
            };
        }

        return events;
    }

    public static AuditTrail Trail(string? directory) => directory is null
        ? new AuditTrail(new InMemoryAuditStore(), Options.Create(new AuditTrailOptions { InMemory = true, CheckpointInterval = TimeSpan.Zero }))
        : new AuditTrail(new FileAuditStore(directory), Options.Create(new AuditTrailOptions { Directory = directory, CheckpointInterval = TimeSpan.Zero }));

    public static string TempDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "tradingrl-bench", name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
