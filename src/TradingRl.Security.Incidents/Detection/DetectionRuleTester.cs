using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>Runs rules over a recorded event stream, in event time, to see which alerts they would raise.</summary>
/// <remarks>Uses a fresh engine without a host clock: no clamping of future timestamps, alerts stamped with event time. Nothing is published or stored.</remarks>
public static class DetectionRuleTester
{
    /// <summary>Replays events through rules.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="events">The recorded events, in recording order.</param>
    /// <param name="options">The engine settings; the defaults when omitted.</param>
    /// <returns>The alerts and the engine's counters.</returns>
    /// <exception cref="ArgumentException">A rule is invalid.</exception>
    public static DetectionReplayResult Replay(IEnumerable<DetectionRule> rules, IEnumerable<SecurityEvent> events, DetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(events);
        using var engine = new DetectionEngine(rules, options ?? new DetectionOptions());
        var alerts = new List<SecurityAlert>();
        foreach (var e in events)
        {
            engine.Process(e, alerts);
        }

        return new DetectionReplayResult(alerts, engine.GetStatistics());
    }

    /// <summary>Replays events through one rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="events">The recorded events.</param>
    /// <param name="options">The engine settings; the defaults when omitted.</param>
    /// <returns>The alerts and the engine's counters.</returns>
    public static DetectionReplayResult ReplayRule(DetectionRule rule, IEnumerable<SecurityEvent> events, DetectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Replay([rule], events, options);
    }
}
