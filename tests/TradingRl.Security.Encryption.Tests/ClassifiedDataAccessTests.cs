using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;

namespace TradingRl.Security.Encryption.Tests;

public sealed class ClassifiedDataAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Deserialize_WithAccess_PublishesWhoClassificationAndPurpose()
    {
        using var ring = TestKeys.Ring();
        var events = new Recorder();
        var serializer = new ClassifiedJsonSerializer(TestKeys.Encryptor(ring), new NoRedactors(), null, events, new FakeTimeProvider(Now));
        var json = serializer.SerializeToUtf8Bytes(new PnlSnapshot { Account = "agent-1", Position = 3, RealizedPnl = 12.5m, Note = "n" });

        var back = serializer.Deserialize<PnlSnapshot>(json, new DataAccessContext("alice", "risk-report", "account/agent-1"));

        Assert.Equal(12.5m, back!.RealizedPnl);
        var e = Assert.Single(events.Events);
        Assert.Equal("data.access", e.Type);
        Assert.Equal(Now, e.Timestamp);
        Assert.Equal("alice", e.Actor);
        Assert.Equal("account/agent-1", e.Resource);
        Assert.Equal("Restricted", e.GetProperty("classification"));
        Assert.Equal("risk-report", e.GetProperty("purpose"));
        Assert.Equal("3", e.GetProperty("fields"));
        Assert.DoesNotContain(e.Properties.Values, v => v.Contains("12.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Deserialize_WithoutAccessOrWithoutClassifiedFields_PublishesNothing()
    {
        using var ring = TestKeys.Ring();
        var events = new Recorder();
        var serializer = new ClassifiedJsonSerializer(TestKeys.Encryptor(ring), new NoRedactors(), null, events, new FakeTimeProvider(Now));

        serializer.Deserialize<PnlSnapshot>(serializer.SerializeToUtf8Bytes(new PnlSnapshot { Position = 1 }));
        serializer.Deserialize<Plain>("{\"Name\":\"x\"}"u8, new DataAccessContext("alice", "report"));

        Assert.Empty(events.Events);
    }

    [Fact]
    public void Deserialize_BadAccess_Throws()
    {
        using var ring = TestKeys.Ring();
        var serializer = new ClassifiedJsonSerializer(TestKeys.Encryptor(ring), new NoRedactors());
        var json = serializer.SerializeToUtf8Bytes(new PnlSnapshot());

        Assert.Throws<ArgumentNullException>(() => serializer.Deserialize<PnlSnapshot>(json, null!));
        Assert.Throws<ArgumentException>(() => serializer.Deserialize<PnlSnapshot>(json, new DataAccessContext(" ", "report")));
        Assert.Throws<ArgumentException>(() => serializer.Deserialize<PnlSnapshot>(json, new DataAccessContext("alice", "")));
        Assert.Throws<ArgumentOutOfRangeException>(() => serializer.Deserialize<PnlSnapshot>(json, new DataAccessContext("alice", new string('p', 257))));
    }

    public sealed record Plain(string Name);

    private sealed class Recorder : ISecurityEventPublisher
    {
        public List<SecurityEvent> Events { get; } = [];

        public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
        {
            Publish(securityEvent);
            return ValueTask.CompletedTask;
        }

        public void Publish(SecurityEvent securityEvent) => Events.Add(securityEvent);
    }

    private sealed class NoRedactors : IRedactorProvider
    {
        public Redactor GetRedactor(DataClassificationSet classifications) => NullRedactor.Instance;
    }
}
