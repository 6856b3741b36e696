using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Compliance.Evidence;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.Evidence;

/// <summary>An in-memory audit trail on a fake clock, to record small event streams for the scorecard and evidence tests.</summary>
internal sealed class EvidenceTestLog : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    /// <param name="configure">Changes the evidence options.</param>
    /// <param name="clockStart">Where the fake clock starts, for streams with history before <see cref="Start"/>; the clock only moves forward.</param>
    /// <param name="protectedProperties">Audit properties stored encrypted by <paramref name="protector"/>.</param>
    /// <param name="protector">The audit trail's protector.</param>
    public EvidenceTestLog(Action<EvidenceOptions>? configure = null, DateTimeOffset? clockStart = null, string[]? protectedProperties = null, ISecretProtector? protector = null)
    {
        Time = new FakeTimeProvider(clockStart ?? Start);
        var trailOptions = new AuditTrailOptions { InMemory = true, CheckpointInterval = TimeSpan.Zero };
        foreach (var name in protectedProperties ?? [])
        {
            trailOptions.ProtectedProperties.Add(name);
        }

        Trail = new AuditTrail(new InMemoryAuditStore(), Microsoft.Extensions.Options.Options.Create(trailOptions), Time, protector: protector);
        configure?.Invoke(Options);
    }

    public FakeTimeProvider Time { get; }

    public AuditTrail Trail { get; }

    public EvidenceOptions Options { get; } = new();

    /// <summary>The period that holds everything recorded between <see cref="Start"/> and one hour later.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Hour => (Start, Start.AddHours(1));

    public static SecurityEvent Event(
        SecurityEventDescriptor type, string? actor = "alice", SecurityOutcome outcome = SecurityOutcome.Success, string? resource = null,
        DateTimeOffset? at = null, params (string Name, string Value)[] properties) =>
        new(type.Type, type.DefaultSeverity, at ?? Start)
        {
            Actor = actor,
            Outcome = outcome,
            Resource = resource,
            Properties = properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
        };

    /// <summary>Records <paramref name="count"/> copies of an event (each a new id) at the current fake time.</summary>
    public async Task RecordAsync(int count, SecurityEventDescriptor type, string? actor = "alice", SecurityOutcome outcome = SecurityOutcome.Success, params (string Name, string Value)[] properties)
    {
        if (count == 0)
        {
            return;
        }

        var events = Enumerable.Range(0, count).Select(_ => Event(type, actor, outcome, null, Time.GetUtcNow(), properties)).ToArray();
        await Trail.AppendRangeAsync(events);
    }

    public Task RecordAsync(SecurityEvent e) => Trail.AppendAsync(e).AsTask();

    public ScorecardCalculator Calculator(IMfaEnrollmentSource? mfa = null, System.Diagnostics.Metrics.IMeterFactory? meters = null) =>
        new(Trail, Microsoft.Extensions.Options.Options.Create(Options), Time, mfa, meters);

    public async Task<ComplianceScorecard> ScoreAsync(IMfaEnrollmentSource? mfa = null)
    {
        using var calculator = Calculator(mfa);
        return await calculator.ComputeAsync(Hour.From, Hour.To);
    }

    public ValueTask DisposeAsync() => Trail.DisposeAsync();
}
