using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;
using static TradingRl.Security.Incidents.Tests.TestData;

namespace TradingRl.Security.Incidents.Tests;

public sealed class IncidentManagerTests
{
    [Fact]
    public async Task RaiseAsync_SameDedupKey_AppendsToOpenIncidentAndRaisesSeverity()
    {
        var time = new FakeTimeProvider(T0);
        await using var manager = Manager(time);
        var first = await manager.RaiseAsync(Alert(SecuritySeverity.High, rule: "custom-high"));
        time.Advance(TimeSpan.FromMinutes(1));
        var second = await manager.RaiseAsync(Alert(SecuritySeverity.Critical));
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(SecuritySeverity.Critical, second.Severity);
        Assert.Equal(2, second.Alerts.Count);
        Assert.Equal(12, second.EventCount);
        Assert.Contains(second.Timeline, e => e.Action == IncidentTimelineAction.SeverityRaised && e.Detail == "High -> Critical");
        Assert.Single(await manager.ListAsync());
    }

    [Fact]
    public async Task RaiseAsync_DifferentDedupKeys_OpenSeparateIncidents()
    {
        await using var manager = Manager(new FakeTimeProvider(T0));
        var a = await manager.RaiseAsync(Alert(key: "alice"));
        var b = await manager.RaiseAsync(Alert(key: "bob"));
        Assert.NotEqual(a.Id, b.Id);
        Assert.Matches("^INC-20260105-[0-9A-F]{8}$", a.Id);
    }

    [Fact]
    public async Task Lifecycle_FullPath_RecordsEveryChangeWithWhoAndWhen()
    {
        var time = new FakeTimeProvider(T0);
        await using var manager = Manager(time);
        var id = (await manager.RaiseAsync(Alert())).Id;
        time.Advance(TimeSpan.FromMinutes(3));
        await manager.AssignAsync(id, "dana", "lead");
        await manager.AcknowledgeAsync(id, "dana");
        time.Advance(TimeSpan.FromMinutes(2));
        await manager.TransitionAsync(id, IncidentStatus.Contained, "dana", "account locked");
        await manager.TransitionAsync(id, IncidentStatus.Eradicated, "dana", "password reset");
        await manager.TransitionAsync(id, IncidentStatus.Recovered, "dana");
        time.Advance(TimeSpan.FromMinutes(10));
        await manager.ResolveAsync(id, "dana", "credential stuffing blocked");
        var closed = await manager.CloseAsync(id, "lead", IncidentClassification.TruePositive, "Add MFA for agent accounts.");

        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.Equal(TimeSpan.FromMinutes(3), closed.TimeToAcknowledge);
        Assert.Equal(TimeSpan.FromMinutes(15), closed.TimeToResolve);
        Assert.Equal("dana", closed.Assignee);
        Assert.False(closed.SlaBreached);
        var changes = closed.Timeline.Where(e => e.Action == IncidentTimelineAction.StatusChanged).Select(e => (e.Actor, e.Status)).ToArray();
        Assert.Equal(
            [("dana", IncidentStatus.Acknowledged), ("dana", IncidentStatus.Contained), ("dana", IncidentStatus.Eradicated), ("dana", IncidentStatus.Recovered), ("dana", IncidentStatus.Resolved), ("lead", IncidentStatus.Closed)],
            changes);
        Assert.Equal(T0.AddMinutes(15), closed.Timeline.Single(e => e.Status == IncidentStatus.Resolved).At);
    }

    [Theory]
    [InlineData(IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Contained)]
    [InlineData(IncidentStatus.Recovered)]
    public async Task TransitionAsync_IllegalFromIdentified_IsRefusedAndWritesNothing(IncidentStatus to)
    {
        await using var manager = Manager(new FakeTimeProvider(T0));
        var opened = await manager.RaiseAsync(Alert());
        var ex = await Assert.ThrowsAsync<IncidentTransitionException>(() => manager.TransitionAsync(opened.Id, to, "dana").AsTask());
        Assert.Equal($"Incident {opened.Id} cannot move from Identified to {to}: from Identified the allowed next states are Acknowledged.", ex.Message);
        Assert.Equal(IncidentStatus.Identified, ex.From);
        Assert.Equal(to, ex.To);
        Assert.Equal(opened.Version, (await manager.GetAsync(opened.Id)).Version);
    }

    [Fact]
    public async Task CloseAsync_NotResolvedOrUnclassified_IsRefused()
    {
        await using var manager = Manager(new FakeTimeProvider(T0));
        var id = (await manager.RaiseAsync(Alert())).Id;
        await manager.AcknowledgeAsync(id, "dana");
        await Assert.ThrowsAsync<IncidentTransitionException>(() => manager.CloseAsync(id, "dana", IncidentClassification.FalsePositive, "noise").AsTask());
        await Assert.ThrowsAsync<IncidentTransitionException>(() => manager.TransitionAsync(id, IncidentStatus.Closed, "dana").AsTask());
        await manager.ResolveAsync(id, "dana", "test traffic");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => manager.CloseAsync(id, "dana", IncidentClassification.Unclassified, "noise").AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => manager.CloseAsync(id, "dana", IncidentClassification.FalsePositive, " ").AsTask());
        var closed = await manager.CloseAsync(id, "dana", IncidentClassification.FalsePositive, "Exclude the load-test account.");
        Assert.Equal(IncidentClassification.FalsePositive, closed.Classification);
        var ex = await Assert.ThrowsAsync<IncidentTransitionException>(() => manager.ReopenAsync(id, "dana", "again").AsTask());
        Assert.Contains("closed incident is final", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IncidentTransitionException>(() => manager.AssignAsync(id, "erin", "dana").AsTask());
    }

    [Fact]
    public async Task RaiseAsync_AfterResolutionWithinReopenWindow_ReopensToIdentified()
    {
        var time = new FakeTimeProvider(T0);
        await using var manager = Manager(time);
        var id = (await manager.RaiseAsync(Alert())).Id;
        await manager.AcknowledgeAsync(id, "dana");
        await manager.ResolveAsync(id, "dana", "blocked");
        time.Advance(TimeSpan.FromHours(1));
        var reopened = await manager.RaiseAsync(Alert());
        Assert.Equal(id, reopened.Id);
        Assert.Equal(IncidentStatus.Identified, reopened.Status);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Equal(T0.AddHours(1), reopened.EscalationStartedAt);
    }

    [Fact]
    public async Task RaiseAsync_AfterReopenWindowOrClose_OpensNewIncident()
    {
        var time = new FakeTimeProvider(T0);
        await using var manager = Manager(time);
        var id = (await manager.RaiseAsync(Alert())).Id;
        await manager.AcknowledgeAsync(id, "dana");
        await manager.ResolveAsync(id, "dana", "blocked");
        time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var next = await manager.RaiseAsync(Alert());
        Assert.NotEqual(id, next.Id);
        Assert.Contains(id, next.Timeline[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReopenAsync_ResolvedByHand_ReturnsToAcknowledged()
    {
        await using var manager = Manager(new FakeTimeProvider(T0));
        var id = (await manager.RaiseAsync(Alert())).Id;
        await manager.AcknowledgeAsync(id, "dana");
        await manager.ResolveAsync(id, "dana", "blocked");
        var reopened = await manager.ReopenAsync(id, "erin", "same source is back");
        Assert.Equal(IncidentStatus.Acknowledged, reopened.Status);
        Assert.Null(reopened.ResolvedAt);
        Assert.Equal("erin", reopened.Timeline[^1].Actor);
    }

    [Fact]
    public async Task EscalateDueAsync_UnacknowledgedCritical_EscalatesAtFiveMinutesNotBefore()
    {
        var time = new FakeTimeProvider(T0);
        var channel = new RecordingChannel();
        var publisher = new RecordingPublisher();
        await using var manager = Manager(time, channel: channel, publisher: publisher);
        var id = (await manager.RaiseAsync(Alert())).Id;
        Assert.Equal(1, (await manager.GetAsync(id)).EscalationLevel);

        time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        await manager.EscalateDueAsync();
        Assert.Equal(1, (await manager.GetAsync(id)).EscalationLevel);

        time.Advance(TimeSpan.FromSeconds(1));
        await manager.EscalateDueAsync();
        var escalated = await manager.GetAsync(id);
        Assert.Equal(2, escalated.EscalationLevel);
        Assert.Equal("level 2: notify security-lead, unacknowledged for 00:05:00", escalated.Timeline.Last(e => e.Action == IncidentTimelineAction.Escalated).Detail);

        await manager.FlushAsync();
        Assert.Equal(["security-on-call", "security-lead"], channel.Sent.Select(n => n.Target));
        Assert.Single(publisher.Events, e => e.Type == SecurityEventTypes.IncidentEscalated.Type);
        Assert.Contains((await manager.GetAsync(id)).Timeline, e => e.Action == IncidentTimelineAction.Notified && e.Detail.Contains("security-lead via recording", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EscalateDueAsync_Acknowledged_DoesNotEscalate()
    {
        var time = new FakeTimeProvider(T0);
        await using var manager = Manager(time);
        var id = (await manager.RaiseAsync(Alert())).Id;
        time.Advance(TimeSpan.FromMinutes(4));
        await manager.AcknowledgeAsync(id, "dana");
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await manager.EscalateDueAsync());
        Assert.Equal(1, (await manager.GetAsync(id)).EscalationLevel);
    }

    [Fact]
    public async Task EscalateDueAsync_ClockJumpsTwoHours_ReachesEveryDueLevelAndRecordsTheBreach()
    {
        var time = new FakeTimeProvider(T0);
        var publisher = new RecordingPublisher();
        await using var manager = Manager(time, publisher: publisher);
        var id = (await manager.RaiseAsync(Alert())).Id;
        time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await manager.EscalateDueAsync());
        var incident = await manager.GetAsync(id);
        Assert.Equal(3, incident.EscalationLevel);
        Assert.True(incident.SlaBreached);
        Assert.Equal(1, manager.SlaBreachCount);
        Assert.Equal(3, incident.Timeline.Count(e => e.Action == IncidentTimelineAction.Escalated));
        await manager.FlushAsync();
        Assert.Single(publisher.Events, e => e.Type == IncidentEventTypes.SlaBreached.Type);

        // A second check at the same time changes nothing.
        Assert.Equal(0, await manager.EscalateDueAsync());
    }

    [Theory]
    [InlineData(899, false)]
    [InlineData(900, true)]
    public async Task AcknowledgeAsync_AgainstFifteenMinuteTarget_BreachesAtFifteen(int seconds, bool breached)
    {
        var time = new FakeTimeProvider(T0);
        await using var manager = Manager(time);
        var id = (await manager.RaiseAsync(Alert())).Id;
        time.Advance(TimeSpan.FromSeconds(seconds));
        var acknowledged = await manager.AcknowledgeAsync(id, "dana");
        Assert.Equal(breached, acknowledged.SlaBreached);
        Assert.Equal(breached ? 1 : 0, manager.SlaBreachCount);
        Assert.Equal(TimeSpan.FromSeconds(seconds), acknowledged.TimeToAcknowledge);
    }

    [Fact]
    public async Task RaiseAsync_AutomaticLock_LocksAccountRevokesSessionsAndRecordsIt()
    {
        var accounts = new FakeAccountContainment();
        await using var manager = Manager(new FakeTimeProvider(T0), o => o.ContainAutomatically(DefaultDetectionRules.FailedLoginBurst, ContainmentAction.LockAccount), accounts: accounts);
        var incident = await manager.RaiseAsync(Alert(key: "alice"));
        Assert.Equal(["lock:alice", "revoke:alice"], accounts.Calls);
        var action = Assert.Single(incident.Actions);
        Assert.True(action.Succeeded);
        Assert.True(action.Automatic);
        Assert.Equal("rule:failed-login-burst", action.Actor);
        Assert.Equal("account locked until unlocked; 2 sessions revoked", action.Detail);
        Assert.Contains(incident.Timeline, e => e.Action == IncidentTimelineAction.Containment);
        Assert.Equal(IncidentStatus.Identified, incident.Status);
    }

    [Fact]
    public async Task RaiseAsync_AutomaticLockWithoutAccountContainment_RecordsTheFailure()
    {
        await using var manager = Manager(new FakeTimeProvider(T0), o => o.ContainAutomatically(DefaultDetectionRules.FailedLoginBurst, ContainmentAction.LockAccount));
        var action = Assert.Single((await manager.RaiseAsync(Alert())).Actions);
        Assert.False(action.Succeeded);
        Assert.Contains("IAccountContainment is not registered", action.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainAsync_KillSwitchForStrategy_EngagesAndRecords()
    {
        var killSwitch = new FakeKillSwitch();
        await using var manager = Manager(new FakeTimeProvider(T0), killSwitch: killSwitch);
        var id = (await manager.RaiseAsync(Alert())).Id;
        var incident = await manager.ContainAsync(id, ContainmentAction.KillSwitchStrategy, "agent-7", "dana");
        Assert.True(killSwitch.IsEngaged(KillSwitchScope.ForStrategy("agent-7")));
        Assert.Equal("kill switch engaged for Strategy:agent-7; 3 open orders cancelled", Assert.Single(incident.Actions).Detail);
    }

    [Fact]
    public async Task ContainAsync_AlertWithoutGroupValue_IsNotRunAndSaysWhy()
    {
        var accounts = new FakeAccountContainment();
        await using var manager = Manager(new FakeTimeProvider(T0), o => o.ContainAutomatically(DefaultDetectionRules.FailedLoginBurst, ContainmentAction.LockAccount), accounts: accounts);
        var incident = await manager.RaiseAsync(Alert(key: "(none)"));
        Assert.Empty(accounts.Calls);
        Assert.Equal("not run: the alert names no account or strategy to contain", Assert.Single(incident.Actions).Detail);
    }

    [Fact]
    public async Task Notification_ChannelFails_IsRecordedOnTheTimeline()
    {
        var channel = new RecordingChannel { Fail = true };
        await using var manager = Manager(new FakeTimeProvider(T0), channel: channel);
        var id = (await manager.RaiseAsync(Alert())).Id;
        await manager.FlushAsync();
        Assert.Contains((await manager.GetAsync(id)).Timeline, e => e.Action == IncidentTimelineAction.NotificationFailed && e.Detail.EndsWith("pager unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublicMethods_BadInputs_ThrowTypedErrors()
    {
        await using var manager = Manager(new FakeTimeProvider(T0));
        var opened = await manager.RaiseAsync(Alert());
        var id = opened.Id;
        await Assert.ThrowsAsync<ArgumentNullException>(() => manager.RaiseAsync(null!).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => manager.GetAsync("../../etc/passwd").AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => manager.GetAsync(null!).AsTask());
        await Assert.ThrowsAsync<IncidentNotFoundException>(() => manager.GetAsync("INC-20260105-00000000").AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => manager.AcknowledgeAsync(id, "").AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => manager.AcknowledgeAsync(id, new string('a', 300)).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => manager.AddNoteAsync(id, "dana", new string('a', IncidentManager.MaxTextLength + 1)).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => manager.TransitionAsync(id, (IncidentStatus)42, "dana").AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => manager.ContainAsync(id, (ContainmentAction)42, "x", "dana").AsTask());
        Assert.Equal(opened.Version, (await manager.GetAsync(id)).Version);
    }

    [Fact]
    public async Task Acknowledge_ConcurrentCallers_OnlyOneWins()
    {
        await using var manager = Manager(new FakeTimeProvider(T0));
        var id = (await manager.RaiseAsync(Alert())).Id;
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await manager.AcknowledgeAsync(id, $"responder-{i}");
                return true;
            }
            catch (IncidentTransitionException)
            {
                return false;
            }
        })));
        Assert.Equal(1, results.Count(r => r));
        Assert.Single((await manager.GetAsync(id)).Timeline, e => e.Status == IncidentStatus.Acknowledged);
    }
}
