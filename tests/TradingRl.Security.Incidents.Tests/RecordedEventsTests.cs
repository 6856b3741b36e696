using TradingRl.Security.Events;
using static TradingRl.Security.Incidents.Tests.TestData;

namespace TradingRl.Security.Incidents.Tests;

public sealed class RecordedEventsTests
{
    [Fact]
    public void WriteThenRead_RoundTripsEveryField()
    {
        var e = new SecurityEvent("auth.login.failed", SecuritySeverity.Low, T0)
        {
            Actor = "alice", SourceAddress = "10.0.0.1", Resource = "account/alice", Outcome = SecurityOutcome.Failure, CorrelationId = "c-1",
            Properties = new Dictionary<string, string> { ["reason"] = "bad_password" },
        };
        var text = new StringWriter();
        RecordedEvents.Write(text, [e]);
        var back = Assert.Single(RecordedEvents.Read(new StringReader(text.ToString())));
        Assert.Equal((e.Id, e.Type, e.Severity, e.Timestamp, e.Actor, e.SourceAddress, e.Resource, e.Outcome, e.CorrelationId), (back.Id, back.Type, back.Severity, back.Timestamp, back.Actor, back.SourceAddress, back.Resource, back.Outcome, back.CorrelationId));
        Assert.Equal("bad_password", back.GetProperty("reason"));
    }

    [Fact]
    public void DetectionRuleTester_RecordedBurst_ShowsTheAlertsTheRuleWouldRaise()
    {
        var recording = string.Join('\n', Enumerable.Range(0, 8).Select(i =>
            $$"""{"id":"{{Guid.CreateVersion7()}}","type":"auth.login.failed","severity":"Low","timestamp":"2026-01-05T09:0{{i}}:00Z","actor":"bob","outcome":"Failure"}"""));
        var events = RecordedEvents.Read(new StringReader(recording));
        var result = DetectionRuleTester.ReplayRule(BruteForce(), events);
        Assert.Empty(result.Alerts);
        Assert.Equal(8, result.Statistics.EventsEvaluated);

        var tighter = BruteForce();
        tighter.Window = TimeSpan.FromMinutes(10);
        var alert = Assert.Single(DetectionRuleTester.ReplayRule(tighter, events).Alerts);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 9, 5, 0, TimeSpan.Zero), alert.RaisedAt);
    }

    [Theory]
    [InlineData("{\"type\":\"auth.login.failed\"}")]
    [InlineData("{\"type\":\"Auth Login\",\"severity\":\"Low\",\"timestamp\":\"2026-01-05T09:00:00Z\"}")]
    [InlineData("not json")]
    [InlineData("{\"type\":\"auth.login.failed\",\"severity\":\"Low\",\"timestamp\":\"2026-01-05T09:00:00Z\",\"id\":\"00000000-0000-0000-0000-000000000000\"}")]
    public void Read_MalformedLine_ThrowsFormatExceptionNamingTheLine(string bad)
    {
        var good = "{\"type\":\"auth.login.failed\",\"severity\":\"Low\",\"timestamp\":\"2026-01-05T09:00:00Z\"}";
        var ex = Assert.Throws<FormatException>(() => RecordedEvents.Read(new StringReader(good + "\n\n" + bad)));
        Assert.StartsWith("Line 3 of the recording", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeLine_IsRefused()
    {
        var ex = Assert.Throws<FormatException>(() => RecordedEvents.Read(new StringReader(new string('x', RecordedEvents.MaxLineLength + 1))));
        Assert.Contains("longer than", ex.Message, StringComparison.Ordinal);
    }
}
