using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace TradingRl.Security.Encryption.Tests;

public partial class ClassifiedJsonSerializerTests
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {Snapshot}")]
    private static partial void LogSnapshot(ILogger logger, string snapshot);

    [Fact]
    public void SerializeToUtf8Bytes_ClassifiedProperties_EncryptedAndReadBack()
    {
        using var dir = new TempDirectory();
        using var host = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.CreateIfMissing = true);
        var serializer = host.Get<IClassifiedJsonSerializer>();
        var snapshot = new PnlSnapshot { Account = "agent-1", Symbol = "XYZ", Position = 150, RealizedPnl = 1234.56m, Note = null };

        var json = serializer.SerializeToUtf8Bytes(snapshot);
        var text = Encoding.UTF8.GetString(json);
        var back = serializer.Deserialize<PnlSnapshot>(json);

        Assert.Contains("\"Account\":\"agent-1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Symbol\":\"XYZ\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1234.56", text, StringComparison.Ordinal);
        Assert.DoesNotContain("150", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.Equal(snapshot, back);
    }

    [Fact]
    public void Deserialize_CiphertextMovedToAnotherProperty_Refused()
    {
        using var ring = TestKeys.Ring();
        var serializer = Serializer(ring);
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(serializer.SerializeToUtf8Bytes(new PnlSnapshot { Position = 1, RealizedPnl = 2m }))!;
        json["Position"] = json["RealizedPnl"];

        var ex = Assert.Throws<DecryptionFailedException>(() => serializer.Deserialize<PnlSnapshot>(JsonSerializer.SerializeToUtf8Bytes(json)));

        Assert.Equal(DecryptionFailureReason.AuthenticationFailed, ex.Reason);
    }

    [Fact]
    public void Deserialize_PlaintextInClassifiedProperty_RefusedFailClosed()
    {
        using var ring = TestKeys.Ring();
        var serializer = Serializer(ring);

        Assert.Throws<JsonException>(() => serializer.Deserialize<PnlSnapshot>("{\"RealizedPnl\":99.5}"u8));
    }

    [Fact]
    public void Deserialize_TamperedOrTruncatedValue_Refused()
    {
        using var ring = TestKeys.Ring();
        var serializer = Serializer(ring);
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(serializer.SerializeToUtf8Bytes(new PnlSnapshot { RealizedPnl = 5m }))!;
        var ct = json["RealizedPnl"].GetBytesFromBase64();
        ct[^3] ^= 1;
        json["RealizedPnl"] = JsonSerializer.SerializeToElement(ct);

        Assert.Throws<DecryptionFailedException>(() => serializer.Deserialize<PnlSnapshot>(JsonSerializer.SerializeToUtf8Bytes(json)));
        Assert.Throws<DecryptionFailedException>(() => serializer.Deserialize<PnlSnapshot>("{\"RealizedPnl\":\"!!notbase64\"}"u8));
        Assert.ThrowsAny<JsonException>(() => serializer.Deserialize<PnlSnapshot>("{\"RealizedPnl\":"u8));
    }

    [Fact]
    public void SerializeForLog_ClassifiedValuesNeverAppearInLogs()
    {
        using var dir = new TempDirectory();
        using var host = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.CreateIfMissing = true);
        var serializer = host.Get<IClassifiedJsonSerializer>();
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        var logger = factory.CreateLogger("test");

        var redacted = serializer.SerializeForLog(new PnlSnapshot { Account = "agent-1", Symbol = "XYZ", Position = 150, RealizedPnl = 1234.56m, Note = "secret note" });
        LogSnapshot(logger, redacted);

        var message = Assert.Single(collector.GetSnapshot()).Message;
        Assert.Contains("XYZ", message, StringComparison.Ordinal);
        Assert.Contains(ClassifiedValueRedactor.Marker, message, StringComparison.Ordinal);
        Assert.DoesNotContain("1234.56", message, StringComparison.Ordinal);
        Assert.DoesNotContain("150", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret note", message, StringComparison.Ordinal);
        Assert.DoesNotContain("agent-1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redactor_UnknownTaxonomy_FallsBackToRedaction()
    {
        using var dir = new TempDirectory();
        using var host = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.CreateIfMissing = true);
        var provider = host.Get<IRedactorProvider>();

        Assert.Equal(ClassifiedValueRedactor.Marker, provider.GetRedactor(new Microsoft.Extensions.Compliance.Classification.DataClassification("Other", "Pii")).Redact("alice"));
        Assert.Equal("public", provider.GetRedactor(TradingDataClassifications.Public).Redact("public"));
    }

    private static ClassifiedJsonSerializer Serializer(KeyRing ring) =>
        new(TestKeys.Encryptor(ring), new FixedRedactorProvider());

    private sealed class FixedRedactorProvider : IRedactorProvider
    {
        public Redactor GetRedactor(Microsoft.Extensions.Compliance.Classification.DataClassificationSet classifications) => new ClassifiedValueRedactor();
    }
}

/// <summary>An end-of-run positions and P&amp;L snapshot as the sample writes it.</summary>
public sealed record PnlSnapshot
{
    [InternalData]
    public string? Account { get; init; }

    public string? Symbol { get; init; }

    [TradingData(TradingDataCategory.PositionData)]
    public int Position { get; init; }

    [RestrictedData]
    public decimal RealizedPnl { get; init; }

    [ConfidentialData]
    public string? Note { get; init; }
}
