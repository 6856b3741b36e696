using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents.Tests;

/// <summary>Events, alerts and managers for the tests.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static SecurityEvent Failed(DateTimeOffset at, string actor = "alice", string source = "10.0.0.1") =>
        new(SecurityEventTypes.LoginFailed.Type, SecuritySeverity.Low, at) { Actor = actor, SourceAddress = source, Outcome = SecurityOutcome.Failure };

    public static SecurityEvent Succeeded(DateTimeOffset at, string actor = "alice", string source = "10.0.0.1") =>
        new(SecurityEventTypes.LoginSucceeded.Type, SecuritySeverity.Info, at) { Actor = actor, SourceAddress = source, Outcome = SecurityOutcome.Success };

    public static SecurityEvent Of(SecurityEventDescriptor type, DateTimeOffset at, string? actor = "alice", SecurityOutcome outcome = SecurityOutcome.Unknown, string? resource = null) =>
        new(type.Type, type.DefaultSeverity, at) { Actor = actor, Outcome = outcome, Resource = resource };

    public static DetectionRule BruteForce() => DefaultDetectionRules.Create().Single(r => r.Id == DefaultDetectionRules.FailedLoginBurst);

    public static DetectionRule Rule(string id) => DefaultDetectionRules.Create().Single(r => r.Id == id);

    public static DetectionEngine Engine(DetectionRule rule, Action<DetectionOptions>? configure = null, TimeProvider? clock = null)
    {
        var o = new DetectionOptions();
        configure?.Invoke(o);
        return new DetectionEngine([rule], o, clock);
    }

    public static SecurityAlert Alert(SecuritySeverity severity = SecuritySeverity.Critical, string rule = DefaultDetectionRules.FailedLoginBurst, string key = "alice", string? dedup = null) => new()
    {
        Id = Guid.NewGuid(),
        RuleId = rule,
        Title = "Multiple failed login attempts",
        Severity = severity,
        Kind = DetectionRuleKind.Threshold,
        GroupKey = key,
        DedupKey = dedup ?? $"account-compromise:{key}",
        MatchCount = 6,
        FirstEventAt = T0,
        LastEventAt = T0,
        RaisedAt = T0,
        TriggerEventType = SecurityEventTypes.LoginFailed.Type,
    };

    public static IncidentManager Manager(
        FakeTimeProvider time,
        Action<IncidentsOptions>? configure = null,
        IIncidentStore? store = null,
        RecordingChannel? channel = null,
        RecordingPublisher? publisher = null,
        IAccountContainment? accounts = null,
        IKillSwitch? killSwitch = null)
    {
        var o = new IncidentsOptions();
        configure?.Invoke(o);
        return new IncidentManager(store ?? new InMemoryIncidentStore(), Options.Create(o), time, channel is null ? [] : [channel], publisher, accounts, killSwitch);
    }
}

/// <summary>A notification channel that records what it is sent, and can be told to fail.</summary>
internal sealed class RecordingChannel(string name = "recording") : INotificationChannel
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<IncidentNotification> _sent = new();

    public bool Fail { get; set; }

    public string Name => name;

    public IReadOnlyList<IncidentNotification> Sent => [.. _sent];

    public ValueTask SendAsync(IncidentNotification notification, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new NotificationFailedException("pager unreachable");
        }

        _sent.Enqueue(notification);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A publisher that keeps what is published.</summary>
internal sealed class RecordingPublisher : ISecurityEventPublisher
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<SecurityEvent> _events = new();

    public IReadOnlyList<SecurityEvent> Events => [.. _events];

    public void Publish(SecurityEvent securityEvent) => _events.Enqueue(securityEvent);

    public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(securityEvent);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A small account-containment fake that records locks and revocations.</summary>
internal sealed class FakeAccountContainment : IAccountContainment
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public ValueTask LockAccountAsync(string subject, string reason, TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue($"lock:{subject}");
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> RevokeSessionsAsync(string subject, string reason, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue($"revoke:{subject}");
        return ValueTask.FromResult(2);
    }
}

/// <summary>A small kill-switch fake.</summary>
internal sealed class FakeKillSwitch : IKillSwitch
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<KillSwitchScope, string> _engaged = new();

    public ValueTask<int> EngageAsync(KillSwitchScope scope, string actor, string reason, CancellationToken cancellationToken = default)
    {
        _engaged[scope] = actor;
        return ValueTask.FromResult(3);
    }

    public bool IsEngaged(KillSwitchScope scope) => _engaged.ContainsKey(scope) || _engaged.ContainsKey(KillSwitchScope.Global);
}
