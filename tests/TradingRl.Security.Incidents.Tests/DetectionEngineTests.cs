using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;
using static TradingRl.Security.Incidents.Tests.TestData;

namespace TradingRl.Security.Incidents.Tests;

public sealed class DetectionEngineTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static List<SecurityAlert> Run(DetectionEngine engine, params SecurityEvent[] events)
    {
        var alerts = new List<SecurityAlert>();
        foreach (var e in events)
        {
            engine.Process(e, alerts);
        }

        return alerts;
    }

    private static SecurityEvent[] FailuresAt(params double[] minutes) => [.. minutes.Select(m => Failed(T0.AddMinutes(m)))];

    [Fact]
    public void Process_FiveFailuresInFiveMinutes_RaisesNothing()
    {
        using var engine = Engine(BruteForce());
        Assert.Empty(Run(engine, FailuresAt(0, 1, 2, 3, 4)));
    }

    [Fact]
    public void Process_SixthFailureInsideWindow_RaisesOneAlertOnTheSixth()
    {
        using var engine = Engine(BruteForce());
        var alerts = new List<SecurityAlert>();
        var events = FailuresAt(0, 1, 2, 3, 4);
        foreach (var e in events)
        {
            Assert.Equal(0, engine.Process(e, alerts));
        }

        var sixth = Failed(T0.AddMinutes(5) - Tick);
        Assert.Equal(1, engine.Process(sixth, alerts));
        var alert = Assert.Single(alerts);
        Assert.Equal(6, alert.MatchCount);
        Assert.Equal(T0, alert.FirstEventAt);
        Assert.Equal(T0.AddMinutes(5) - Tick, alert.LastEventAt);
        Assert.Equal("account-compromise:alice", alert.DedupKey);
        Assert.Equal(SecuritySeverity.Critical, alert.Severity);
        Assert.Equal([.. events.Select(e => e.Id), sixth.Id], alert.EventIds);
    }

    [Fact]
    public void Process_FirstEventExactlyWindowOld_IsOutsideTheWindow()
    {
        using var engine = Engine(BruteForce());
        Assert.Empty(Run(engine, FailuresAt(0, 1, 2, 3, 4, 5)));

        // A seventh at 5:00 makes (0:00, 5:00] hold six events: 1, 2, 3, 4, 5 and 5.
        var alert = Assert.Single(Run(engine, Failed(T0.AddMinutes(5))));
        Assert.Equal(6, alert.MatchCount);
        Assert.Equal(T0.AddMinutes(1), alert.FirstEventAt);
    }

    [Fact]
    public void Process_SixthJustPastTheWindowEdge_RaisesNothing()
    {
        using var engine = Engine(BruteForce());
        Assert.Empty(Run(engine, [.. FailuresAt(0, 1, 2, 3, 4), Failed(T0.AddMinutes(5) + Tick)]));
    }

    [Fact]
    public void Process_LateEventWithinLateness_CompletesTheWindowEndingAtALaterEvent()
    {
        using var engine = Engine(BruteForce());
        Assert.Empty(Run(engine, FailuresAt(0.5, 2, 3, 4, 5.5, 6)));

        // 0.8 minutes late (within the allowed minute). The window ending at the late event, (0:12, 5:12], holds 5;
        // the one ending at 6:00, (1:00, 6:00], now holds 6.
        var alert = Assert.Single(Run(engine, Failed(T0.AddMinutes(5.2))));
        Assert.Equal(6, alert.MatchCount);
        Assert.Equal(T0.AddMinutes(2), alert.FirstEventAt);
        Assert.Equal(T0.AddMinutes(6), alert.LastEventAt);
        Assert.Equal(0, engine.GetStatistics().DroppedLate);
    }

    [Fact]
    public void Process_EventLaterThanAllowedLateness_IsDroppedAndCounted()
    {
        using var engine = Engine(BruteForce());
        Assert.Empty(Run(engine, FailuresAt(1, 2, 3, 4, 4.5, 6)));

        // Exactly the allowed lateness behind the newest event is still counted; one tick more is dropped.
        Assert.Empty(Run(engine, Failed(T0.AddMinutes(5) - Tick)));
        var stats = engine.GetStatistics();
        Assert.Equal(1, stats.DroppedLate);
        Assert.Equal(6, stats.EventsEvaluated);
    }

    [Fact]
    public void Process_OutOfOrderEventsInsideLateness_CountLikeOrderedOnes()
    {
        using var engine = Engine(BruteForce(), o => o.AllowedLateness = TimeSpan.FromMinutes(5));
        var alert = Assert.Single(Run(engine, FailuresAt(3, 1, 2, 0.5, 2.5, 0.75)));
        Assert.Equal(6, alert.MatchCount);
        Assert.Equal(T0.AddMinutes(0.5), alert.FirstEventAt);
        Assert.Equal(T0.AddMinutes(3), alert.LastEventAt);
    }

    [Fact]
    public void Process_DuplicateEventIds_AreIgnoredAndCounted()
    {
        using var engine = Engine(BruteForce());
        var events = FailuresAt(0, 1, 2, 3, 4);
        Assert.Empty(Run(engine, [.. events, events[4], events[0]]));
        Assert.Equal(2, engine.GetStatistics().Duplicates);
        Assert.Single(Run(engine, Failed(T0.AddMinutes(4.5))));
    }

    [Fact]
    public void Process_BurstOfHundred_RaisesOneAlertAndTalliesTheRest()
    {
        using var engine = Engine(BruteForce());
        var alerts = Run(engine, [.. Enumerable.Range(0, 100).Select(i => Failed(T0.AddSeconds(i * 0.5)))]);
        var alert = Assert.Single(alerts);
        Assert.Equal(6, alert.MatchCount);
        Assert.Equal(94, engine.GetStatistics().Suppressed);
        var tallies = new List<SuppressedTally>();
        engine.DrainSuppressed(tallies);
        Assert.Equal(new SuppressedTally(DefaultDetectionRules.FailedLoginBurst, "account-compromise:alice", 94), Assert.Single(tallies));
    }

    [Fact]
    public void Process_AfterSuppression_RefiresOnlyOnNewEvents()
    {
        using var engine = Engine(BruteForce());
        var first = FailuresAt(0, 0.1, 0.2, 0.3, 0.4, 0.5);
        Assert.Single(Run(engine, first));
        Assert.Empty(Run(engine, FailuresAt(1, 2, 3)));

        // Suppression (15 minutes) is over: the events the first alert used, redelivered, are duplicates; one new event is not enough.
        Assert.Empty(Run(engine, [.. first, Failed(T0.AddMinutes(16))]));
        Assert.Empty(Run(engine, FailuresAt(16.1, 16.2, 16.3, 16.4)));
        var second = Assert.Single(Run(engine, Failed(T0.AddMinutes(16.5))));
        Assert.Equal(6, second.MatchCount);
        Assert.Equal(T0.AddMinutes(16), second.FirstEventAt);
    }

    [Fact]
    public void Process_KeyCapReached_EvictsLeastRecentlyUsedAndCounts()
    {
        using var engine = Engine(BruteForce(), o => o.MaxKeysPerRule = 16);
        Run(engine, [.. Enumerable.Range(0, 20).Select(i => Failed(T0.AddSeconds(i), $"user-{i}"))]);
        var stats = engine.GetStatistics();
        Assert.Equal(16, stats.TrackedKeys);
        Assert.Equal(4, stats.KeysEvicted);
        Assert.Equal(0, stats.KeysExpired);
    }

    [Fact]
    public void Process_FloodOfNewKeysBelowCap_DoesNotEvictAnAccountUnderAttack()
    {
        using var engine = Engine(BruteForce(), o => o.MaxKeysPerRule = 16);
        var alerts = new List<SecurityAlert>();
        var n = 0;
        for (var i = 0; i < 6; i++)
        {
            engine.Process(Failed(T0.AddSeconds(n++), "victim"), alerts);
            for (var j = 0; j < 10; j++)
            {
                engine.Process(Failed(T0.AddSeconds(n++), $"noise-{i}-{j}"), alerts);
            }
        }

        Assert.Equal("victim", Assert.Single(alerts).GroupKey);
        Assert.True(engine.GetStatistics().KeysEvicted > 0);
    }

    [Fact]
    public void Process_ExpiredKeyEvictedAtCap_IsCountedAsExpired()
    {
        using var engine = Engine(BruteForce(), o => o.MaxKeysPerRule = 16);
        Run(engine, [.. Enumerable.Range(0, 16).Select(i => Failed(T0, $"old-{i}"))]);
        Run(engine, Failed(T0.AddHours(1), "new"));
        var stats = engine.GetStatistics();
        Assert.Equal(1, stats.KeysExpired);
        Assert.Equal(0, stats.KeysEvicted);
    }

    [Fact]
    public void Process_ProducerClockJumpsAhead_IsClampedAndDoesNotDropLaterEvents()
    {
        var clock = new FakeTimeProvider(T0.AddMinutes(10));
        using var engine = Engine(BruteForce(), clock: clock);
        Assert.Empty(Run(engine, Failed(T0.AddHours(3))));

        // Evaluated at the host time (10:00); the next events, at host time, are neither late nor missed.
        Assert.Single(Run(engine, FailuresAt(10.1, 10.2, 10.3, 10.4, 10.5)));
        var stats = engine.GetStatistics();
        Assert.Equal(1, stats.ClockSkewClamped);
        Assert.Equal(0, stats.DroppedLate);
    }

    [Fact]
    public void Process_IncidentEvents_AreNeverEvaluated()
    {
        using var engine = new DetectionEngine(DefaultDetectionRules.Create(), new DetectionOptions());
        var alerts = Run(engine, [.. Enumerable.Range(0, 50).Select(i => Of(SecurityEventTypes.IncidentOpened, T0.AddSeconds(i)))]);
        Assert.Empty(alerts);
        Assert.Equal(0, engine.GetStatistics().EventsEvaluated);
    }

    [Fact]
    public void Process_DistinctCount_FiresWhenOneSourceFailsAgainstElevenAccounts()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.CredentialStuffing));
        Assert.Empty(Run(engine, [.. Enumerable.Range(0, 10).Select(i => Failed(T0.AddSeconds(i), $"user-{i}", "203.0.113.9"))]));
        Assert.Empty(Run(engine, Failed(T0.AddSeconds(20), "user-3", "203.0.113.9")));
        var alert = Assert.Single(Run(engine, Failed(T0.AddSeconds(30), "user-10", "203.0.113.9")));
        Assert.Equal(11, alert.MatchCount);
        Assert.Equal("203.0.113.9", alert.GroupKey);
        Assert.Equal(11, alert.Values.Count);
    }

    [Fact]
    public void Process_DistinctCount_LateEventCompletesAWindowEndingBeforeTheNewestEvent()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.CredentialStuffing));
        const string Source = "203.0.113.9";
        Assert.Empty(Run(engine, [
            Failed(T0.AddMinutes(0.2), "user-0", Source),
            .. Enumerable.Range(1, 9).Select(i => Failed(T0.AddMinutes(i), $"user-{i}", Source)),
            Failed(T0.AddMinutes(10.5), "user-1", Source)]));

        // 0.7 minutes late. The window ending at the newest event, (0:30, 10:30], would hold only 10 accounts; the one
        // ending at the late event, (-0:12, 9:48], holds user-0 to user-10: 11.
        var alert = Assert.Single(Run(engine, Failed(T0.AddMinutes(9.8), "user-10", Source)));
        Assert.Equal(11, alert.MatchCount);
        Assert.Equal(T0.AddMinutes(0.2), alert.FirstEventAt);
        Assert.Equal(T0.AddMinutes(9.8), alert.LastEventAt);
        Assert.Equal([.. Enumerable.Range(0, 11).Select(i => $"user-{i}").Order(StringComparer.Ordinal)], alert.Values);
        Assert.Equal(0, engine.GetStatistics().WindowEvictions);
    }

    [Fact]
    public void Process_DistinctCount_OutOfOrderInsideLateness_CountsLikeOrdered()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.CredentialStuffing), o => o.AllowedLateness = TimeSpan.FromMinutes(5));
        int[] order = [7, 2, 9, 0, 4, 10, 1, 8, 3, 6, 5];
        var alerts = Run(engine, [.. order.Select(i => Failed(T0.AddMinutes(i * 0.4), $"user-{i}", "203.0.113.9"))]);
        var alert = Assert.Single(alerts);
        Assert.Equal(11, alert.MatchCount);
        Assert.Equal(T0, alert.FirstEventAt);
        Assert.Equal(T0.AddMinutes(4), alert.LastEventAt);
    }

    [Fact]
    public void Process_DistinctCount_OneAccountHammered_BufferBoundedAndEvictionsCounted()
    {
        // Credential stuffing: 10 x (2 spans + 1) + 1 = 31 exact slots, 8 times that for repeated values: 248 kept. At
        // 248 the oldest eighth (31) makes room: after 300 events, two such drops, 62 events.
        using var engine = Engine(Rule(DefaultDetectionRules.CredentialStuffing));
        Assert.Empty(Run(engine, [.. Enumerable.Range(0, 300).Select(i => Failed(T0.AddSeconds(i * 0.1), "user-0", "203.0.113.9"))]));
        Assert.Equal(62, engine.GetStatistics().WindowEvictions);
    }

    [Fact]
    public void Process_Sequence_LateFailureBeforeAnEarlierSuccess_Fires()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.LoginAfterFailures));
        Assert.Empty(Run(engine, [.. FailuresAt(0, 1, 2), Succeeded(T0.AddMinutes(4))]));

        // The fourth failure, stamped 3:30, arrives after the success at 4:00 (half a minute late): the sequence holds.
        var alert = Assert.Single(Run(engine, Failed(T0.AddMinutes(3.5))));
        Assert.Equal(5, alert.MatchCount);
        Assert.Equal(T0, alert.FirstEventAt);
        Assert.Equal(T0.AddMinutes(4), alert.LastEventAt);
    }

    [Fact]
    public void Process_Sequence_LateFailureAfterTheSuccess_DoesNotFire()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.LoginAfterFailures));
        Assert.Empty(Run(engine, [.. FailuresAt(0, 1, 2), Succeeded(T0.AddMinutes(4)), Failed(T0.AddMinutes(5))]));

        // Stamped after the success: failures after a success do not make that success suspicious.
        Assert.Empty(Run(engine, Failed(T0.AddMinutes(4.5))));
    }

    [Fact]
    public void Process_DistinctValuesOutsideWindow_DoNotCount()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.CredentialStuffing));
        Run(engine, [.. Enumerable.Range(0, 10).Select(i => Failed(T0.AddMinutes(i * 0.5), $"user-{i}", "203.0.113.9"))]);
        Assert.Empty(Run(engine, Failed(T0.AddMinutes(10), "user-10", "203.0.113.9")));
    }

    [Fact]
    public void Process_Sequence_FailuresThenSuccessFires()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.LoginAfterFailures));
        Assert.Empty(Run(engine, [.. FailuresAt(0, 1, 2, 3)]));
        var alert = Assert.Single(Run(engine, Succeeded(T0.AddMinutes(4))));
        Assert.Equal(5, alert.MatchCount);
        Assert.Equal(SecurityEventTypes.LoginSucceeded.Type, alert.TriggerEventType);
    }

    [Fact]
    public void Process_Sequence_ThreeFailuresOrSuccessOutsideWindow_DoesNotFire()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.LoginAfterFailures));
        Assert.Empty(Run(engine, [.. FailuresAt(0, 1, 2), Succeeded(T0.AddMinutes(3))]));
        using var late = Engine(Rule(DefaultDetectionRules.LoginAfterFailures));
        Assert.Empty(Run(late, [.. FailuresAt(0, 1, 2, 3), Succeeded(T0.AddMinutes(10))]));
    }

    [Fact]
    public void Process_FirstSeen_NewSourceForKnownUserFires()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.LoginFromNewLocation));
        Assert.Empty(Run(engine, Succeeded(T0, "alice", "10.0.0.1"), Succeeded(T0.AddMinutes(1), "alice", "10.0.0.1")));
        var alert = Assert.Single(Run(engine, Succeeded(T0.AddMinutes(2), "alice", "198.51.100.7")));
        Assert.Equal(["198.51.100.7"], alert.Values);
        Assert.Empty(Run(engine, Succeeded(T0.AddMinutes(3), "alice", "198.51.100.7")));
    }

    [Fact]
    public void Process_Match_OutcomeFilterSkipsSuccessfulAdminAccess()
    {
        using var engine = Engine(Rule(DefaultDetectionRules.UnauthorizedAccess));
        Assert.Empty(Run(engine, Of(SecurityEventTypes.SystemAccessAttempt, T0, outcome: SecurityOutcome.Success)));
        Assert.Single(Run(engine, Of(SecurityEventTypes.SystemAccessAttempt, T0, outcome: SecurityOutcome.Denied)));
    }

    [Fact]
    public void Process_EventThatFiresNoRule_AllocatesNothing()
    {
        using var engine = new DetectionEngine(DefaultDetectionRules.Create(), new DetectionOptions(), new FakeTimeProvider(T0.AddDays(1)));
        var alerts = new List<SecurityAlert>();
        SecurityEvent[] Batch(int offset) => [.. Enumerable.Range(0, 3000).Select(i => (i % 3) switch
        {
            0 => Of(SecurityEventTypes.ApiRequest, T0.AddMilliseconds(offset + i), $"agent-{i / 3 % 10}"),
            1 => Succeeded(T0.AddMilliseconds(offset + i), $"agent-{i / 3 % 10}", "10.0.0.1"),
            _ => Of(SecurityEventTypes.OrderSubmitted, T0.AddMilliseconds(offset + i), $"agent-{i / 3 % 10}"),
        })];

        // Warm-up: every key known and every per-key buffer grown to its steady size (300 requests per agent: 512 slots).
        for (var b = 0; b < 3; b++)
        {
            engine.Process(Batch(b * 3000), alerts);
        }

        var measured = Batch(10_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        engine.Process(measured, alerts);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(alerts);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Constructor_BadInputs_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new DetectionEngine(null!, new DetectionOptions()));
        Assert.Throws<ArgumentNullException>(() => new DetectionEngine([], null!));
        var bad = BruteForce();
        bad.Window = TimeSpan.Zero;
        var ex = Assert.Throws<ArgumentException>(() => new DetectionEngine([bad], new DetectionOptions()));
        Assert.Contains("failed-login-burst", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Window", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DetectionEngine([BruteForce(), BruteForce()], new DetectionOptions()));
        Assert.Throws<ArgumentException>(() => new DetectionEngine([], new DetectionOptions { MaxKeysPerRule = 1 }));
    }

    [Fact]
    public async Task Process_ConcurrentCallers_CountEveryEventOnce()
    {
        using var engine = Engine(BruteForce(), o => o.AllowedLateness = TimeSpan.FromHours(1));
        var events = Enumerable.Range(0, 4000).Select(i => Failed(T0.AddMilliseconds(i), $"user-{i % 500}")).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            var alerts = new List<SecurityAlert>();
            for (var i = p; i < events.Length; i += 4)
            {
                engine.Process(events[i], alerts);
                engine.Process(events[i], alerts);
            }
        })));
        var stats = engine.GetStatistics();
        Assert.Equal(4000, stats.EventsEvaluated);
        Assert.Equal(4000, stats.Duplicates);
        Assert.Equal(500, stats.AlertsRaised);
    }
}
